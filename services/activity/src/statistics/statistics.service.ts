import { Injectable } from '@nestjs/common';
import { round2, type ActivityServiceDefinition, type HandlerResponseOf } from '@fitness/common';
import { StatisticsRepository } from './statistics.repository.js';

export type StatisticsMessage = HandlerResponseOf<ActivityServiceDefinition, 'GetStatistics'>;

@Injectable()
export class StatisticsService {
  constructor(private readonly stats: StatisticsRepository) {}

  async get(userId: string): Promise<StatisticsMessage> {
    const record = await this.stats.findByUser(userId);
    const workouts = record?.total_workouts ?? 0;
    const duration = record?.total_duration ?? 0;
    return {
      total_workouts: workouts,
      total_duration: round2(duration),
      total_calories_burned: round2(record?.total_calories_burned ?? 0),
      // Averages are sum / count: FerretDB has no $avg, and the record makes it O(1) anyway.
      average_session_duration: workouts === 0 ? 0 : round2(duration / workouts),
    };
  }

  addWorkout(userId: string, duration: number, calories: number): Promise<void> {
    return this.stats.addWorkout(userId, duration, calories);
  }
}
