import { DAY_MS, dayStart, nextPeriod, periodStart, type Granularity } from '@fitness/common';

/** Starts of every bucket from the one holding `from` to the one holding `to`, in order. */
export function bucketsBetween(from: Date, to: Date, granularity: Granularity): Date[] {
  const starts: Date[] = [];
  const last = periodStart(to, granularity).getTime();
  for (
    let s = periodStart(from, granularity);
    s.getTime() <= last;
    s = nextPeriod(s, granularity)
  ) {
    starts.push(s);
  }
  return starts;
}

/** How many buckets `bucketsBetween` would give, without building them. */
export function bucketCount(from: Date, to: Date, granularity: Granularity): number {
  const a = periodStart(from, granularity);
  const b = periodStart(to, granularity);
  if (b < a) {
    return 0;
  }
  if (granularity === 'month') {
    return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + 1;
  }
  return (
    Math.round((b.getTime() - a.getTime()) / (granularity === 'day' ? DAY_MS : 7 * DAY_MS)) + 1
  );
}

/** Whole UTC days from `a` to `b` (b − a), by their calendar days. */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((dayStart(b).getTime() - dayStart(a).getTime()) / DAY_MS);
}

export interface Streak {
  /** Length of the run of consecutive days that ends on `lastDay`. */
  current: number;
  longest: number;
  /** The latest day with a workout (UTC midnight). */
  lastDay: Date;
}

/**
 * The streak after a workout on `day`, from the streak before (or none). A day after the last one
 * extends the run, a later day starts a new one, the same day changes nothing. A day *before* the
 * last one (a workout recorded late) can join two runs: then undefined, and the caller recounts
 * from the day buckets (`streakFromDays`).
 */
export function extendStreak(before: Streak | undefined, day: Date): Streak | undefined {
  const d = dayStart(day);
  if (!before) {
    return { current: 1, longest: 1, lastDay: d };
  }
  const gap = daysBetween(before.lastDay, d);
  if (gap === 0) {
    return before;
  }
  if (gap < 0) {
    return undefined;
  }
  const current = gap === 1 ? before.current + 1 : 1;
  return { current, longest: Math.max(before.longest, current), lastDay: d };
}

/** The streak of a set of days with workouts (any order, duplicates allowed). */
export function streakFromDays(days: Date[]): Streak | undefined {
  const sorted = [...new Set(days.map((d) => dayStart(d).getTime()))].sort((a, b) => a - b);
  let streak: Streak | undefined;
  for (const t of sorted) {
    streak = extendStreak(streak, new Date(t));
  }
  return streak;
}

/**
 * The streak after a workout on `day`: the one before extended, or, when the workout came late and
 * may join two runs, recounted from every day with a workout (which by then includes `day`).
 */
export async function streakAfter(
  before: Streak | undefined,
  day: Date,
  daysWithWorkouts: () => Promise<Date[]>,
): Promise<Streak> {
  const dayAlone: Streak = { current: 1, longest: 1, lastDay: dayStart(day) };
  return extendStreak(before, day) ?? streakFromDays(await daysWithWorkouts()) ?? dayAlone;
}

/** The current streak as of `today`: the run still counts if its last day is today or yesterday. */
export function currentStreak(streak: Streak | undefined, today: Date): number {
  if (!streak) {
    return 0;
  }
  return daysBetween(streak.lastDay, today) <= 1 ? streak.current : 0;
}
