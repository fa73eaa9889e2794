import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Workouts, seconds and kcal. */
export interface TotalsRecord {
  workouts: number;
  duration: number;
  calories_burned: number;
}

/** One denormalised record per user, updated once per ended workout: reads cost O(1). */
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

  /** Totals per workout type (the types are validated words: safe as field names). */
  @Prop({ type: Object, default: {} })
  by_workout_type?: Record<string, TotalsRecord>;

  /** The run of consecutive UTC days with a workout that ends on streak_last_day. */
  @Prop({ type: Number })
  streak_current?: number;

  @Prop({ type: Number })
  streak_longest?: number;

  @Prop({ type: Date })
  streak_last_day?: Date;
}

export const UserStatisticsSchema = SchemaFactory.createForClass(UserStatistics);

/**
 * A user's totals in one day, ISO week or month (UTC), updated once per ended workout: a trend
 * or a "recent 4 weeks" read is O(buckets), whatever the number of workouts.
 */
@Schema({ collection: 'statistics_buckets', versionKey: false })
export class StatisticsBucket {
  /** `<user_id>|<granularity>|<YYYY-MM-DD of start>`. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  user_id: string;

  @Prop({ type: String, required: true })
  granularity: string;

  @Prop({ type: Date, required: true })
  start: Date;

  @Prop({ type: Number, default: 0 })
  workouts: number;

  @Prop({ type: Number, default: 0 })
  duration: number;

  @Prop({ type: Number, default: 0 })
  calories_burned: number;
}

export const StatisticsBucketSchema = SchemaFactory.createForClass(StatisticsBucket);
StatisticsBucketSchema.index({ user_id: 1, granularity: 1, start: 1 });
