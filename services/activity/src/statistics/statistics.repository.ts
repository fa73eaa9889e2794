import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { UserStatistics } from './statistics.schema.js';

@Injectable()
export class StatisticsRepository {
  constructor(@InjectModel(UserStatistics.name) private readonly model: Model<UserStatistics>) {}

  findByUser(userId: string): Promise<UserStatistics | null> {
    return this.model.findById(userId).lean<UserStatistics>().exec();
  }

  /** One atomic $inc (upserting the record): concurrent workouts never lose an update. */
  async addWorkout(userId: string, duration: number, calories: number): Promise<void> {
    await this.model
      .updateOne(
        { _id: userId },
        { $inc: { total_workouts: 1, total_duration: duration, total_calories_burned: calories } },
        { upsert: true },
      )
      .exec();
  }
}
