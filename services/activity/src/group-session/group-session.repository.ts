import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertUnique } from '../coordination/insert-unique.js';
import { GroupSessionRecord } from './group-session.schema.js';

export type GroupSessionSummary = Omit<
  GroupSessionRecord,
  'participants' | 'messages' | 'exercise_updates' | 'participant_ids'
>;
const SUMMARY_FIELDS = {
  _id: 1,
  name: 1,
  workout_type: 1,
  creator_id: 1,
  started_at: 1,
  ended_at: 1,
  messages_dropped: 1,
} as const;

@Injectable()
export class GroupSessionRepository {
  constructor(
    @InjectModel(GroupSessionRecord.name) private readonly model: Model<GroupSessionRecord>,
  ) {}

  /** Inserts the record; false when it was already stored (a redelivery). */
  insertOnce(record: GroupSessionRecord): Promise<boolean> {
    return insertUnique(this.model.collection, record);
  }

  findById(id: string): Promise<GroupSessionRecord | null> {
    return this.model.findById(id).lean<GroupSessionRecord>().exec();
  }

  /** The newest sessions of a participant, without participants, messages and exercise updates. */
  listSummariesByParticipant(userId: string, limit: number): Promise<GroupSessionSummary[]> {
    return this.model
      .find({ participant_ids: userId })
      .select(SUMMARY_FIELDS)
      .sort({ ended_at: -1 })
      .limit(limit)
      .lean<GroupSessionSummary[]>()
      .exec();
  }
}
