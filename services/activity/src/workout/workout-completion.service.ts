import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Metadata } from '@grpc/grpc-js';
import { CLIENT_ERROR_CODES, isServiceError } from '@fitness/common';
import { CoordinationService } from '../coordination/coordination.service.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import type { ActivityEnv } from '../config/env.dto.js';
import { USER_CLIENT, type UserClient } from '../upstream/user.client.js';
import { WorkoutRepository } from './workout.repository.js';
import type { Workout } from './workout.schema.js';

const SWEEP_BATCH = 100;

/**
 * The two follow-ups of an ended workout: add it to the statistics record, then to the user's goals
 * (user service). Each is flagged on the workout when done, and a periodic sweep retries what a
 * crash or an unreachable user service left undone, so no ended workout is ever lost. Goal progress
 * is idempotent per workout id in the user service, so a retry never counts twice.
 */
@Injectable()
export class WorkoutCompletionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkoutCompletionService.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly workouts: WorkoutRepository,
    private readonly statistics: StatisticsService,
    private readonly coordination: CoordinationService,
    @Inject(USER_CLIENT) private readonly users: UserClient,
    private readonly config: ConfigService<ActivityEnv, true>,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.get('PROGRESS_RETRY_MS'));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.users.close();
  }

  /**
   * Runs both follow-ups now. The workout is already stored as ended, so a failure here is not the
   * caller's failure: whatever did not complete is left to the sweep.
   */
  async complete(workout: Workout, metadata?: Metadata): Promise<void> {
    try {
      await this.applyStatistics(workout);
    } catch (err) {
      this.logger.warn(
        `statistics of workout ${workout._id} not updated yet (will retry): ${describe(err)}`,
      );
    }
    try {
      await this.recordProgress(workout, metadata);
    } catch (err) {
      this.logger.warn(
        `goal progress of workout ${workout._id} not recorded yet (will retry): ${describe(err)}`,
      );
    }
  }

  async sweep(): Promise<void> {
    if (this.sweeping) {
      return;
    }
    this.sweeping = true;
    try {
      for (const w of await this.workouts.findPending('stats_applied', SWEEP_BATCH)) {
        await this.applyStatistics(w);
      }
      for (const w of await this.workouts.findPending('progress_recorded', SWEEP_BATCH)) {
        await this.retryProgress(w);
      }
    } catch (err) {
      this.logger.warn(`retry sweep stopped early: ${describe(err)}`);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * A transient failure (user service down) stays pending for the next sweep; a refusal that no
   * retry can change (the user is gone, the request is invalid) is logged and set aside, so one
   * bad workout never blocks the others.
   */
  private async retryProgress(w: Workout): Promise<void> {
    try {
      await this.recordProgress(w);
    } catch (err) {
      if (isServiceError(err) && CLIENT_ERROR_CODES.has(err.code)) {
        this.logger.error(
          `goal progress of workout ${w._id} refused, not retried: ${describe(err)}`,
        );
        await this.workouts.setFlag(w._id, 'progress_recorded');
        return;
      }
      throw err;
    }
  }

  /**
   * Adds the workout to the user's statistics record exactly once: the marker `stats:<workout>` is
   * claimed and the record updated under the user's lock, so neither a retry nor a concurrent
   * workout of the same user can double-count or lose an update, even on FerretDB. (A crash
   * between the claim and the update would lose this one workout's share: without transactions
   * there is no way to make both one step.)
   */
  private async applyStatistics(w: Workout): Promise<void> {
    if (w.stats_applied) {
      return;
    }
    await this.coordination.withLock(`stats:${w.user_id}`, async () => {
      if (await this.coordination.claim(`stats:${w._id}`)) {
        await this.statistics.addWorkout(w.user_id, w.duration ?? 0, w.calories_burned ?? 0);
      }
    });
    await this.workouts.setFlag(w._id, 'stats_applied');
    w.stats_applied = true;
  }

  private async recordProgress(w: Workout, metadata?: Metadata): Promise<void> {
    if (w.progress_recorded) {
      return;
    }
    await this.users.call(
      'RecordWorkout',
      {
        user_id: w.user_id,
        workout_id: w._id,
        ended_at: (w.end_time ?? new Date()).toISOString(),
        duration: w.duration ?? 0,
        calories_burned: w.calories_burned ?? 0,
      },
      { metadata },
    );
    await this.workouts.setFlag(w._id, 'progress_recorded');
    w.progress_recorded = true;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
