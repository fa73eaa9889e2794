import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CLIENT_ERROR_CODES,
  InjectUpstream,
  PollLoop,
  USER_UPSTREAM,
  errorMessage,
  isGrpcCallError,
  type UserUpstream,
} from '@fitness/common';
import type { ActivityEnv } from '../config/env.dto.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { WorkoutRepository } from './workout.repository.js';
import type { FollowUp, Workout } from './workout.schema.js';

const SWEEP_BATCH = 100;

/**
 * The follow-ups of an ended workout: add it to the statistics record and the user's leaderboard
 * scores, then to the user's goals (user service). Each is flagged on the workout when done, and a periodic sweep retries what a
 * crash or an unreachable user service left undone, so no ended workout is ever lost. Goal progress
 * is idempotent per workout id in the user service, so a retry never counts twice.
 */
@Injectable()
export class WorkoutCompletionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkoutCompletionService.name);
  private readonly sweeper: PollLoop;

  constructor(
    private readonly workouts: WorkoutRepository,
    private readonly statistics: StatisticsService,
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
    config: ConfigService<ActivityEnv, true>,
  ) {
    const every = config.get('PROGRESS_RETRY_MS', { infer: true });
    this.sweeper = new PollLoop(() => this.sweep(), {
      name: 'WorkoutSweep',
      intervalMs: every,
      minBackoffMs: every,
      maxBackoffMs: Math.max(every, 60_000),
    });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /**
   * Runs both follow-ups now. The workout is already stored as ended, so a failure here is not the
   * caller's failure: whatever did not complete is left to the sweep.
   */
  async complete(workout: Workout): Promise<void> {
    // The flags of what got done are set by one update at the end (every update costs a scan of
    // the workouts on FerretDB v1); a crash before it only means the sweep repeats steps that are
    // idempotent (the statistics claim, goal progress per workout id).
    const done: FollowUp[] = [];
    try {
      done.push(...(await this.addStatistics(workout)));
    } catch (err) {
      this.logger.warn(
        `statistics of workout ${workout._id} not updated yet (will retry): ${errorMessage(err)}`,
      );
    }
    try {
      done.push(...(await this.sendProgress(workout)));
    } catch (err) {
      this.logger.warn(
        `goal progress of workout ${workout._id} not recorded yet (will retry): ${errorMessage(err)}`,
      );
    }
    await this.setFlags(workout, done).catch((err: unknown) =>
      this.logger.warn(
        `follow-ups of workout ${workout._id} done but not flagged (the sweep repeats them, idempotent): ${errorMessage(err)}`,
      ),
    );
  }

  /** One round of the sweep: throws (and backs off) while a store or the user service is away. */
  async sweep(): Promise<void> {
    for (const w of await this.workouts.findPending('stats_applied', SWEEP_BATCH)) {
      await this.setFlags(w, await this.addStatistics(w));
    }
    for (const w of await this.workouts.findPending('progress_recorded', SWEEP_BATCH)) {
      await this.retryProgress(w);
    }
    const synced = new Set<string>();
    for (const w of await this.workouts.findPending('leaderboard_synced', SWEEP_BATCH)) {
      if (!w.stats_applied) {
        continue;
      }
      // One sync sets a user's scores from all their counters: once per user per round.
      if (!synced.has(w.user_id)) {
        await this.statistics.syncLeaderboard(w.user_id);
        synced.add(w.user_id);
      }
      await this.workouts.setFlag(w._id, 'leaderboard_synced');
    }
  }

  /**
   * A transient failure (user service down) stays pending for the next sweep; a refusal that no
   * retry can change (the user is gone, the request is invalid) is logged and set aside, so one
   * bad workout never blocks the others.
   */
  private async retryProgress(w: Workout): Promise<void> {
    try {
      await this.setFlags(w, await this.sendProgress(w));
    } catch (err) {
      if (isGrpcCallError(err) && CLIENT_ERROR_CODES.has(err.code)) {
        this.logger.error(
          `goal progress of workout ${w._id} refused, not retried: ${errorMessage(err)}`,
        );
        await this.workouts.setFlag(w._id, 'progress_recorded');
        return;
      }
      throw err;
    }
  }

  /** Sets the flags of the follow-ups done, by one update (none: no update). */
  private async setFlags(w: Workout, done: FollowUp[]): Promise<void> {
    if (done.length > 0) {
      await this.workouts.setFlag(w._id, ...done);
    }
  }

  /** Adds the workout to the statistics (once); returns the flags this earned, not yet set. */
  private async addStatistics(w: Workout): Promise<FollowUp[]> {
    if (w.stats_applied) {
      return [];
    }
    const leaderboardSynced = await this.statistics.addOnce(w);
    w.stats_applied = true;
    return leaderboardSynced ? ['stats_applied', 'leaderboard_synced'] : ['stats_applied'];
  }

  /** Records the workout's goal progress (idempotent per workout); returns the flag to set. */
  private async sendProgress(w: Workout): Promise<FollowUp[]> {
    if (w.progress_recorded) {
      return [];
    }
    await this.users.call('RecordWorkout', {
      user_id: w.user_id,
      workout_id: w._id,
      ended_at: (w.end_time ?? new Date()).toISOString(),
      duration: w.duration ?? 0,
      calories_burned: w.calories_burned ?? 0,
      workout_type: w.workout_type,
    });
    w.progress_recorded = true;
    return ['progress_recorded'];
  }
}
