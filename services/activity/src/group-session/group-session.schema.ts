import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface StoredParticipant {
  user_id: string;
  username: string;
  joined_at: Date;
  duration: number;
}

export interface StoredMessage {
  user_id: string;
  username: string;
  message: string;
  sent_at: Date;
}

export interface StoredExerciseUpdate {
  user_id: string;
  exercise: string;
  value: number;
  unit: string;
  at: Date;
}

/** A finished group session, as the gateway delivered it; never changed after insertion. */
@Schema({ collection: 'group_sessions', versionKey: false })
export class GroupSessionRecord {
  /** The session_id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, default: '' })
  name: string;

  @Prop({ type: String, required: true })
  workout_type: string;

  @Prop({ type: String, required: true })
  creator_id: string;

  @Prop({ type: Date, required: true })
  started_at: Date;

  @Prop({ type: Date, required: true })
  ended_at: Date;

  /** Denormalised for the "sessions of a user" query (no $lookup or $elemMatch needed). */
  @Prop({ type: [String], default: [] })
  participant_ids: string[];

  @Prop({ type: Array, default: [] })
  participants: StoredParticipant[];

  @Prop({ type: Array, default: [] })
  messages: StoredMessage[];

  /** Older messages left out of a very long log (the record's size limit). */
  @Prop({ type: Number, default: 0 })
  messages_dropped?: number;

  @Prop({ type: Array, default: [] })
  exercise_updates: StoredExerciseUpdate[];
}

export const GroupSessionSchema = SchemaFactory.createForClass(GroupSessionRecord);
GroupSessionSchema.index({ participant_ids: 1, ended_at: -1 });
