import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { upsertRacing } from '../coordination/insert-unique.js';
import { GRANULARITIES, periodStart, type Granularity } from '@fitness/common';
import type { Streak } from './buckets.js';
import { StatisticsBucket, UserStatistics, type TotalsRecord } from './statistics.schema.js';

/** What one ended workout adds. */
export interface Contribution {
  workoutType: string;
  endTime: Date;
  duration: number;
  calories: number;
}

function bucketId(userId: string, granularity: Granularity, start: Date): string {
  return `${userId}|${granularity}|${start.toISOString().slice(0, 10)}`;
}

/**
 * The per-user record and the per-bucket counters. Every write is one $inc (upserting) or $set:
 * callers hold the user's lock (StatisticsService), since FerretDB v1 applies updates as a
 * read-modify-write that loses concurrent ones (MongoDB's $inc is atomic anyway).
 */
@Injectable()
export class StatisticsRepository {
  constructor(
    @InjectModel(UserStatistics.name) private readonly model: Model<UserStatistics>,
    @InjectModel(StatisticsBucket.name) private readonly buckets: Model<StatisticsBucket>,
  ) {}

  findByUser(userId: string): Promise<UserStatistics | null> {
    return this.model.findById(userId).lean<UserStatistics>().exec();
  }

  /** Adds the workout to the user's record, by type, and sets the streak it leaves. */
  async addToRecord(userId: string, c: Contribution, streak: Streak): Promise<void> {
    const type = `by_workout_type.${c.workoutType}`;
    await upsertRacing(() =>
      this.model
        .updateOne(
          { _id: userId },
          {
            $inc: {
              total_workouts: 1,
              total_duration: c.duration,
              total_calories_burned: c.calories,
              [`${type}.workouts`]: 1,
              [`${type}.duration`]: c.duration,
              [`${type}.calories_burned`]: c.calories,
            },
            $set: {
              streak_current: streak.current,
              streak_longest: streak.longest,
              streak_last_day: streak.lastDay,
            },
          },
          { upsert: true },
        )
        .exec(),
    );
  }

  /** Adds the workout to its day, ISO week and month. */
  async addToBuckets(userId: string, c: Contribution): Promise<void> {
    for (const granularity of GRANULARITIES) {
      const start = periodStart(c.endTime, granularity);
      await upsertRacing(() =>
        this.buckets
          .updateOne(
            { _id: bucketId(userId, granularity, start) },
            {
              $inc: { workouts: 1, duration: c.duration, calories_burned: c.calories },
              $setOnInsert: { user_id: userId, granularity, start },
            },
            { upsert: true },
          )
          .exec(),
      );
    }
  }

  /** The user's buckets of one granularity starting within [from, to], oldest first. */
  async bucketsBetween(
    userId: string,
    granularity: Granularity,
    from: Date,
    to: Date,
  ): Promise<(TotalsRecord & { start: Date })[]> {
    const [buckets = []] = await this.bucketsWithin(userId, [{ granularity, from, to }]);
    return buckets;
  }

  /**
   * The user's buckets within several ranges, one list per range (oldest first), read by one
   * query: on FerretDB v1 every query scans its whole collection, so two ranges read apart cost
   * two scans of every user's buckets (bench: the statistics read).
   */
  async bucketsWithin(
    userId: string,
    ranges: { granularity: Granularity; from: Date; to: Date }[],
  ): Promise<(TotalsRecord & { start: Date })[][]> {
    const found = await this.buckets
      .find({
        user_id: userId,
        $or: ranges.map((r) => ({
          granularity: r.granularity,
          start: { $gte: r.from, $lte: r.to },
        })),
      })
      .select({ _id: 0, granularity: 1, start: 1, workouts: 1, duration: 1, calories_burned: 1 })
      .sort({ start: 1 })
      .lean<(TotalsRecord & { start: Date; granularity: Granularity })[]>()
      .exec();
    return ranges.map((r) =>
      found
        .filter((b) => b.granularity === r.granularity && b.start >= r.from && b.start <= r.to)
        .map(({ granularity: _granularity, ...bucket }) => bucket),
    );
  }

  /** The user's totals in the week and the month that hold `now` (zeros where none). */
  async currentPeriods(userId: string, now: Date): Promise<Record<'week' | 'month', TotalsRecord>> {
    const ids = {
      week: bucketId(userId, 'week', periodStart(now, 'week')),
      month: bucketId(userId, 'month', periodStart(now, 'month')),
    };
    const found = await this.buckets
      .find({ _id: { $in: [ids.week, ids.month] } })
      .select({ workouts: 1, duration: 1, calories_burned: 1 })
      .lean<(TotalsRecord & { _id: string })[]>()
      .exec();
    const of = (id: string): TotalsRecord =>
      found.find((b) => b._id === id) ?? { workouts: 0, duration: 0, calories_burned: 0 };
    return { week: of(ids.week), month: of(ids.month) };
  }

  countUsers(): Promise<number> {
    return this.model.countDocuments().exec();
  }

  /** Every user with statistics, in pages of ids after `after` (for rebuilding leaderboards). */
  userIdsAfter(after: string, limit: number): Promise<string[]> {
    return this.model
      .find({ _id: { $gt: after } })
      .select({ _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>()
      .exec()
      .then((docs) => docs.map((d) => d._id));
  }

  /** Every day the user has a workout on (for recounting a streak a late workout changed). */
  async daysWithWorkouts(userId: string): Promise<Date[]> {
    const days = await this.buckets
      .find({ user_id: userId, granularity: 'day', workouts: { $gt: 0 } })
      .select({ _id: 0, start: 1 })
      .lean<{ start: Date }[]>()
      .exec();
    return days.map((d) => d.start);
  }
}
