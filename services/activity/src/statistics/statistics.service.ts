import { Injectable, Logger } from '@nestjs/common';
import {
  DAY_MS,
  GRANULARITIES,
  InvalidArgumentError,
  LEADERBOARD_METRICS,
  LeaderboardStore,
  dayStart,
  errorMessage,
  periodStart,
  type Granularity,
  type LeaderboardScores,
  parseIsoDate,
  round2,
  type ActivityRequest,
  type ActivityResponse,
} from '@fitness/common';
import { CoordinationService } from '../coordination/coordination.service.js';
import { bucketCount, bucketsBetween, currentStreak, streakAfter, type Streak } from './buckets.js';
import { StatisticsRepository } from './statistics.repository.js';
import type { TotalsRecord, UserStatistics } from './statistics.schema.js';

export type StatisticsMessage = ActivityResponse<'GetStatistics'>;
export type TrendMessage = ActivityResponse<'GetStatisticsTrend'>;

/** What statistics need of an ended workout. */
export interface EndedWorkout {
  _id: string;
  user_id: string;
  workout_type: string;
  end_time?: Date;
  duration?: number;
  calories_burned?: number;
}

/** Most buckets one trend read may ask for (a year of days). */
export const TREND_MAX_BUCKETS = 366;

const EMPTY: TotalsRecord = { workouts: 0, duration: 0, calories_burned: 0 };

function totals(t: Partial<TotalsRecord> | undefined): TotalsRecord {
  return {
    workouts: t?.workouts ?? 0,
    duration: round2(t?.duration ?? 0),
    calories_burned: round2(t?.calories_burned ?? 0),
  };
}

function sum(items: TotalsRecord[]): TotalsRecord {
  return totals(
    items.reduce(
      (acc, b) => ({
        workouts: acc.workouts + b.workouts,
        duration: acc.duration + b.duration,
        calories_burned: acc.calories_burned + b.calories_burned,
      }),
      EMPTY,
    ),
  );
}

function streakOf(record: UserStatistics | null): Streak | undefined {
  return record?.streak_last_day && record.streak_current && record.streak_longest
    ? {
        current: record.streak_current,
        longest: record.streak_longest,
        lastDay: new Date(record.streak_last_day),
      }
    : undefined;
}

@Injectable()
export class StatisticsService {
  private readonly logger = new Logger(StatisticsService.name);

  constructor(
    private readonly stats: StatisticsRepository,
    private readonly coordination: CoordinationService,
    private readonly leaderboard: LeaderboardStore,
  ) {}

  /**
   * Totals, the last 28 days (28 day buckets), the year to date (at most 12 month buckets), per
   * workout type, and the streaks: a bounded read whatever the number of workouts.
   */
  async get(userId: string, now = new Date()): Promise<StatisticsMessage> {
    const today = dayStart(now);
    const [record, [recent = [], year = []]] = await Promise.all([
      this.stats.findByUser(userId),
      this.stats.bucketsWithin(userId, [
        { granularity: 'day', from: new Date(today.getTime() - 27 * DAY_MS), to: today },
        { granularity: 'month', from: new Date(Date.UTC(today.getUTCFullYear(), 0, 1)), to: today },
      ]),
    ]);
    const all = totals({
      workouts: record?.total_workouts,
      duration: record?.total_duration,
      calories_burned: record?.total_calories_burned,
    });
    const streak = streakOf(record);
    return {
      total_workouts: all.workouts,
      total_duration: all.duration,
      total_calories_burned: all.calories_burned,
      // Averages are sum / count: FerretDB has no $avg, and the record makes it O(1) anyway.
      average_session_duration: all.workouts === 0 ? 0 : round2(all.duration / all.workouts),
      recent_4_weeks: sum(recent),
      year_to_date: sum(year),
      all_time: all,
      by_workout_type: Object.fromEntries(
        Object.entries(record?.by_workout_type ?? {}).map(([type, t]) => [type, totals(t)]),
      ),
      current_streak_days: currentStreak(streak, today),
      longest_streak_days: streak?.longest ?? 0,
    };
  }

  /** One bucket per day, ISO week or month between two dates, the empty ones included. */
  async trend(req: ActivityRequest<'GetStatisticsTrend'>): Promise<TrendMessage> {
    const granularity = req.bucket as Granularity;
    if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
      throw new InvalidArgumentError('bucket must be day, week or month', 'bucket');
    }
    const from = parseIsoDate(req.from);
    const to = parseIsoDate(req.to);
    if (!from) {
      throw new InvalidArgumentError('from must be a date (YYYY-MM-DD)', 'from');
    }
    if (!to) {
      throw new InvalidArgumentError('to must be a date (YYYY-MM-DD)', 'to');
    }
    if (to < from) {
      throw new InvalidArgumentError('to must not be before from', 'to');
    }
    if (bucketCount(from, to, granularity) > TREND_MAX_BUCKETS) {
      throw new InvalidArgumentError(
        `at most ${TREND_MAX_BUCKETS} buckets at a time: narrow from and to, or a larger bucket`,
        'from',
      );
    }
    const stored = await this.stats.bucketsBetween(
      req.user_id,
      granularity,
      periodStart(from, granularity),
      periodStart(to, granularity),
    );
    const byStart = new Map(stored.map((b) => [new Date(b.start).getTime(), b]));
    return {
      items: bucketsBetween(from, to, granularity).map((start) => ({
        start: start.toISOString(),
        ...totals(byStart.get(start.getTime())),
      })),
    };
  }

  /**
   * Adds the workout to its user's statistics exactly once, then raises the user's leaderboard
   * scores. Everything happens under the user's lock: FerretDB v1 applies even an `$inc` as a
   * read-modify-write of the whole document, so two instances adding workouts of one week at once
   * would lose one of them (the system tests caught a week counting 4 of 5 workouts). Inside it,
   * the marker `stats:<workout>` is claimed first (a retry or a second instance finds it taken),
   * then the day, week and month counters and the record with the streaks are updated. The lock
   * comes before the claim, so a busy lock (UNAVAILABLE) leaves the workout to a retry instead
   * of claimed and never counted. (A crash between the claim and the updates would still lose
   * this one workout's share: without transactions there is no way to make them one step.)
   * Returns whether the leaderboards were updated too: with Redis away they are left to a later
   * `syncLeaderboard`.
   */
  async addOnce(w: EndedWorkout): Promise<boolean> {
    const duration = w.duration ?? 0;
    const calories = w.calories_burned ?? 0;
    if (!Number.isFinite(duration) || !Number.isFinite(calories)) {
      // Never again a NaN in a total: it would poison every later read of it.
      throw new RangeError(`workout ${w._id} has non-finite numbers: not added to statistics`);
    }
    const contribution = {
      workoutType: w.workout_type,
      endTime: w.end_time ?? new Date(),
      duration,
      calories,
    };
    await this.coordination.withLock(`stats:${w.user_id}`, async () => {
      if (!(await this.coordination.claim(`stats:${w._id}`))) {
        return;
      }
      await this.stats.addToBuckets(w.user_id, contribution);
      // A recount reads the day buckets, which include this workout's day by now.
      const streak = await streakAfter(
        streakOf(await this.stats.findByUser(w.user_id)),
        contribution.endTime,
        () => this.stats.daysWithWorkouts(w.user_id),
      );
      await this.stats.addToRecord(w.user_id, contribution, streak);
    });
    return this.trySyncLeaderboard(w.user_id);
  }

  private async trySyncLeaderboard(userId: string): Promise<boolean> {
    try {
      await this.syncLeaderboard(userId);
      return true;
    } catch (err) {
      this.logger.warn(
        `leaderboards of user ${userId} not updated yet (will retry): ${errorMessage(err)}`,
      );
      return false;
    }
  }

  /**
   * Sets the user's scores on the current leaderboards from their counters; throws while a store
   * is away. No lock: a late sync never lowers a newer score (see LeaderboardStore.sync).
   */
  async syncLeaderboard(userId: string): Promise<void> {
    const now = new Date();
    const [record, periods] = await Promise.all([
      this.stats.findByUser(userId),
      this.stats.currentPeriods(userId, now),
    ]);
    const all = {
      workouts: record?.total_workouts ?? 0,
      duration: record?.total_duration ?? 0,
      calories_burned: record?.total_calories_burned ?? 0,
    };
    const scores = Object.fromEntries(
      LEADERBOARD_METRICS.map((m) => [
        m,
        { week: round2(periods.week[m]), month: round2(periods.month[m]), all: round2(all[m]) },
      ]),
    ) as LeaderboardScores;
    await this.leaderboard.sync(userId, scores, now);
  }
}
