import { Prop, SchemaFactory } from '@nestjs/mongoose';
import { Collection, CounterProp, OptionalProp, RequiredProp } from '../database/props.js';

/** Workouts, seconds and kcal. */
export interface TotalsRecord {
  workouts: number;
  duration: number;
  calories_burned: number;
}

/** One denormalised record per user, updated once per ended workout: reads cost O(1). */
@Collection('user_statistics')
export class UserStatistics {
  /** The user_id. */
  @RequiredProp(String)
  _id: string;

  @CounterProp()
  total_workouts: number;

  @CounterProp()
  total_duration: number;

  @CounterProp()
  total_calories_burned: number;

  /** Totals per workout type (the types are validated words: safe as field names). */
  @Prop({ type: Object, default: {} })
  by_workout_type?: Record<string, TotalsRecord>;

  /** The run of consecutive UTC days with a workout that ends on streak_last_day. */
  @OptionalProp(Number)
  streak_current?: number;

  @OptionalProp(Number)
  streak_longest?: number;

  @OptionalProp(Date)
  streak_last_day?: Date;
}

export const UserStatisticsSchema = SchemaFactory.createForClass(UserStatistics);

/**
 * A user's totals in one day, ISO week or month (UTC), updated once per ended workout: a trend
 * or a "recent 4 weeks" read is O(buckets), whatever the number of workouts.
 */
@Collection('statistics_buckets')
export class StatisticsBucket {
  /** `<user_id>|<granularity>|<YYYY-MM-DD of start>`. */
  @RequiredProp(String)
  _id: string;

  @RequiredProp(String)
  user_id: string;

  @RequiredProp(String)
  granularity: string;

  @RequiredProp(Date)
  start: Date;

  @CounterProp()
  workouts: number;

  @CounterProp()
  duration: number;

  @CounterProp()
  calories_burned: number;
}

export const StatisticsBucketSchema = SchemaFactory.createForClass(StatisticsBucket);
StatisticsBucketSchema.index({ user_id: 1, granularity: 1, start: 1 });
