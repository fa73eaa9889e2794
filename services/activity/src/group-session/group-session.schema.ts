import { Prop, SchemaFactory } from '@nestjs/mongoose';
import { Collection, CounterProp, ListProp, RequiredProp } from '../database/props.js';

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
@Collection('group_sessions')
export class GroupSessionRecord {
  /** The session_id. */
  @RequiredProp(String)
  _id: string;

  @Prop({ type: String, default: '' })
  name: string;

  @RequiredProp(String)
  workout_type: string;

  @RequiredProp(String)
  creator_id: string;

  @RequiredProp(Date)
  started_at: Date;

  @RequiredProp(Date)
  ended_at: Date;

  /** Denormalised for the "sessions of a user" query (no $lookup or $elemMatch needed). */
  @ListProp([String])
  participant_ids: string[];

  @ListProp(Array)
  participants: StoredParticipant[];

  @ListProp(Array)
  messages: StoredMessage[];

  /** Older messages left out of a very long log (the record's size limit). */
  @CounterProp()
  messages_dropped?: number;

  @ListProp(Array)
  exercise_updates: StoredExerciseUpdate[];
}

export const GroupSessionSchema = SchemaFactory.createForClass(GroupSessionRecord);
GroupSessionSchema.index({ participant_ids: 1, ended_at: -1 });
