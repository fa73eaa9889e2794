import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertUnique } from '../coordination/insert-unique.js';
import { GroupSessionRecord } from './group-session.schema.js';

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

  listByParticipant(userId: string, limit: number): Promise<GroupSessionRecord[]> {
    return this.model
      .find({ participant_ids: userId })
      .sort({ ended_at: -1 })
      .limit(limit)
      .lean<GroupSessionRecord[]>()
      .exec();
  }
}
