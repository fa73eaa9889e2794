import { describe, expect, it } from '@jest/globals';
import { goalPeriodStart, nextGoalPeriodStart } from './goal-period.js';

const d = (iso: string): Date => new Date(iso);
const start = (...args: Parameters<typeof goalPeriodStart>): string =>
  goalPeriodStart(...args).toISOString();

describe('goalPeriodStart', () => {
  it('should give a once goal one period, from its creation instant', () => {
    const created = d('2026-11-25T15:30:12.345Z');
    expect(start('once', created, d('2027-03-01T00:00:00Z'))).toBe(created.toISOString());
    expect(nextGoalPeriodStart('once', created, created)).toBeUndefined();
  });

  // Each row: consecutive period starts (UTC midnights) of a goal created at the given instant.
  it.each<['week' | 'month', string, string]>([
    // Weeks: 7 days each from the UTC day of the creation (a Wednesday, late evening UTC).
    ['week', '2026-11-25T23:30:00Z', '2026-11-25 2026-12-02 2026-12-09 2026-12-16'],
    ['week', '2026-11-25T23:30:00Z', '2026-12-30 2027-01-06'],
    // The creation day is read in UTC, whatever the offset it was written with (2026-11-25T23:00Z).
    ['week', '2026-11-26T01:00:00+02:00', '2026-11-25 2026-12-02'],
    ['month', '2026-11-26T01:00:00+02:00', '2026-11-25 2026-12-25'],
    // Months: from the creation day-of-month, across years.
    ['month', '2026-11-15T08:00:00Z', '2026-11-15 2026-12-15 2027-01-15 2027-02-15'],
    // A month anchored on the 31st is clamped to shorter months, and comes back.
    ['month', '2027-01-31T12:00:00Z', '2027-01-31 2027-02-28 2027-03-31 2027-04-30 2027-05-31'],
    // A leap year has a February 29.
    ['month', '2028-01-31T00:00:00Z', '2028-01-31 2028-02-29 2028-03-31'],
    ['month', '2028-02-29T06:00:00Z', '2028-02-29 2028-03-29'],
    ['month', '2028-02-29T06:00:00Z', '2029-01-29 2029-02-28'],
    ['week', '2028-02-29T06:00:00Z', '2028-02-29 2028-03-07'],
  ])('should start the %s periods of a goal created %s on %s', (period, createdAt, days) => {
    const created = d(createdAt);
    const starts = days.split(' ').map((day) => d(`${day}T00:00:00.000Z`));
    starts.forEach((s, i) => {
      expect(start(period, created, s)).toBe(s.toISOString());
      if (i === 0) {
        return;
      }
      // The instants before the start, to its last millisecond, are in the period before.
      const before = starts[i - 1];
      for (const at of [(before.getTime() + s.getTime()) / 2, s.getTime() - 1]) {
        expect(start(period, created, new Date(at))).toBe(before.toISOString());
        expect(nextGoalPeriodStart(period, created, new Date(at))?.toISOString()).toBe(
          s.toISOString(),
        );
      }
    });
  });

  it('should put an instant before the first period into it', () => {
    const created = d('2026-11-25T10:00:00Z');
    expect(start('week', created, d('2026-11-20T00:00:00Z'))).toBe('2026-11-25T00:00:00.000Z');
    expect(start('month', created, d('2026-10-01T00:00:00Z'))).toBe('2026-11-25T00:00:00.000Z');
  });

  it('should make consecutive periods meet with no gap or overlap', () => {
    for (const period of ['week', 'month'] as const) {
      const created = d('2027-01-31T17:00:00Z');
      let at = dayStartOf(created);
      for (let i = 0; i < 30; i += 1) {
        const next = nextGoalPeriodStart(period, created, at) as Date;
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(goalPeriodStart(period, created, new Date(next.getTime() - 1))).toEqual(
          goalPeriodStart(period, created, at),
        );
        expect(goalPeriodStart(period, created, next)).toEqual(next);
        at = next;
      }
    }
  });
});

function dayStartOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
