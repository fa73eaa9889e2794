import { DAY_MS, dayStart, type GoalPeriod } from '@fitness/common';

const WEEK_MS = 7 * DAY_MS;

/**
 * UTC midnight of `anchorDay` in the month `month0` (0-based, may overflow into other years) of
 * `year`, clamped to that month's length: an anchor on the 31st falls on Feb 28 (or 29), Apr 30…
 */
function monthPeriodStart(year: number, month0: number, anchorDay: number): Date {
  const length = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month0, Math.min(anchorDay, length)));
}

/**
 * Start of the period of a goal that holds the instant `at`. A `once` goal has one period, from its
 * creation. Recurring periods are anchored on the UTC day of the creation: weeks are 7-day windows
 * from that midnight; months start on that day of each month (clamped to the month's length, so a
 * goal created on Jan 31 has periods from Feb 28/29 and then from Mar 31). Instants before the
 * first period belong to it.
 */
export function goalPeriodStart(period: GoalPeriod, createdAt: Date, at: Date): Date {
  if (period === 'once') {
    return createdAt;
  }
  const anchor = dayStart(createdAt);
  if (at.getTime() <= anchor.getTime()) {
    return anchor;
  }
  if (period === 'week') {
    const k = Math.floor((at.getTime() - anchor.getTime()) / WEEK_MS);
    return new Date(anchor.getTime() + k * WEEK_MS);
  }
  const year = anchor.getUTCFullYear();
  const day = anchor.getUTCDate();
  let k = (at.getUTCFullYear() - year) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  let start = monthPeriodStart(year, anchor.getUTCMonth() + k, day);
  if (start.getTime() > at.getTime()) {
    k -= 1;
    start = monthPeriodStart(year, anchor.getUTCMonth() + k, day);
  }
  return start;
}

/** Start of the period after the one holding `at` (for `once`: none, so undefined). */
export function nextGoalPeriodStart(
  period: GoalPeriod,
  createdAt: Date,
  at: Date,
): Date | undefined {
  if (period === 'once') {
    return undefined;
  }
  const start = goalPeriodStart(period, createdAt, at);
  if (period === 'week') {
    return new Date(start.getTime() + WEEK_MS);
  }
  const anchor = dayStart(createdAt);
  const k =
    (start.getUTCFullYear() - anchor.getUTCFullYear()) * 12 +
    (start.getUTCMonth() - anchor.getUTCMonth());
  return monthPeriodStart(
    anchor.getUTCFullYear(),
    anchor.getUTCMonth() + k + 1,
    anchor.getUTCDate(),
  );
}
