import { Injectable } from '@nestjs/common';
import { round2, type ActivityResponse } from '@fitness/common';
import { CoordinationService } from '../coordination/coordination.service.js';
import { StatisticsRepository } from './statistics.repository.js';

export type StatisticsMessage = ActivityResponse<'GetStatistics'>;

/** What statistics need of an ended workout. */
export interface EndedWorkout {
  _id: string;
  user_id: string;
  duration?: number;
  calories_burned?: number;
}

@Injectable()
export class StatisticsService {
  constructor(
    private readonly stats: StatisticsRepository,
    private readonly coordination: CoordinationService,
  ) {}

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

  /**
   * Adds the workout to its user's record exactly once: the marker `stats:<workout>` is claimed
   * and the record updated under the user's lock, so neither a retry nor a concurrent workout of
   * the same user can double-count or lose an update, even on FerretDB. (A crash between the claim
   * and the update would lose this one workout's share: without transactions there is no way to
   * make both one step.)
   */
  async addOnce(w: EndedWorkout): Promise<void> {
    const duration = w.duration ?? 0;
    const calories = w.calories_burned ?? 0;
    if (!Number.isFinite(duration) || !Number.isFinite(calories)) {
      // Never again a NaN in a total: it would poison every later read of it.
      throw new RangeError(`workout ${w._id} has non-finite numbers: not added to statistics`);
    }
    await this.coordination.withLock(`stats:${w.user_id}`, async () => {
      if (await this.coordination.claim(`stats:${w._id}`)) {
        await this.stats.addWorkout(w.user_id, duration, calories);
      }
    });
  }
}
