import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One denormalised record per user, updated when a workout ends: reads cost O(1). */
@Schema({ collection: 'user_statistics', versionKey: false })
export class UserStatistics {
  /** The user_id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: Number, default: 0 })
  total_workouts: number;

  @Prop({ type: Number, default: 0 })
  total_duration: number;

  @Prop({ type: Number, default: 0 })
  total_calories_burned: number;
}

export const UserStatisticsSchema = SchemaFactory.createForClass(UserStatistics);
