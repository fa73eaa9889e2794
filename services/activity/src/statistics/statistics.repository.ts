import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { upsertRacing } from '../coordination/insert-unique.js';
import { UserStatistics } from './statistics.schema.js';

@Injectable()
export class StatisticsRepository {
  constructor(@InjectModel(UserStatistics.name) private readonly model: Model<UserStatistics>) {}

  findByUser(userId: string): Promise<UserStatistics | null> {
    return this.model.findById(userId).lean<UserStatistics>().exec();
  }

  /**
   * One $inc, upserting the record. Callers hold the user's lock (StatisticsService): MongoDB's
   * $inc is atomic anyway, FerretDB v1's is a read-modify-write that loses concurrent updates.
   */
  async addWorkout(userId: string, duration: number, calories: number): Promise<void> {
    await upsertRacing(() =>
      this.model
        .updateOne(
          { _id: userId },
          {
            $inc: { total_workouts: 1, total_duration: duration, total_calories_burned: calories },
          },
          { upsert: true },
        )
        .exec(),
    );
  }
}
