import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { GroupSessionRecord } from './group-session.schema.js';

const DUPLICATE_KEY = 11000;

@Injectable()
export class GroupSessionRepository {
  constructor(
    @InjectModel(GroupSessionRecord.name) private readonly model: Model<GroupSessionRecord>,
  ) {}

  /** Inserts the record; false when it was already stored (a redelivery). */
  async insertOnce(record: GroupSessionRecord): Promise<boolean> {
    try {
      await this.model.collection.insertOne(record as never);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) {
        return false;
      }
      throw err;
    }
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
