/** Calendar periods in UTC, shared by statistics buckets and leaderboards. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const DAY_MS = 86_400_000;

/** Midnight (UTC) of the day of `date`. */
export function dayStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Start (UTC midnight) of the period that holds `date`: its day, its ISO week (which starts on
 * Monday: a Sunday belongs to the week of the Monday six days before), or its month.
 */
export function periodStart(date: Date, granularity: Granularity): Date {
  const day = dayStart(date);
  if (granularity === 'day') {
    return day;
  }
  if (granularity === 'week') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    return new Date(day.getTime() - sinceMonday * DAY_MS);
  }
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** Start of the period after the one starting at `start`. */
export function nextPeriod(start: Date, granularity: Granularity): Date {
  if (granularity === 'day') {
    return new Date(start.getTime() + DAY_MS);
  }
  if (granularity === 'week') {
    return new Date(start.getTime() + 7 * DAY_MS);
  }
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** `YYYY-MM-DD` of a UTC date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
