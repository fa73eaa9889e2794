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

  it('should anchor weekly periods on the UTC day of the creation, 7 days each', () => {
    const created = d('2026-11-25T23:30:00Z'); // a Wednesday, late evening UTC
    expect(start('week', created, d('2026-11-25T23:45:00Z'))).toBe('2026-11-25T00:00:00.000Z');
    expect(start('week', created, d('2026-12-01T23:59:59.999Z'))).toBe('2026-11-25T00:00:00.000Z');
    expect(start('week', created, d('2026-12-02T00:00:00Z'))).toBe('2026-12-02T00:00:00.000Z');
    expect(start('week', created, d('2026-12-09T00:00:00Z'))).toBe('2026-12-09T00:00:00.000Z');
    expect(start('week', created, d('2027-01-05T12:00:00Z'))).toBe('2026-12-30T00:00:00.000Z');
    expect(nextGoalPeriodStart('week', created, d('2026-11-28T00:00:00Z'))?.toISOString()).toBe(
      '2026-12-02T00:00:00.000Z',
    );
  });

  it('should read the creation day in UTC, whatever the offset it was written with', () => {
    const created = d('2026-11-26T01:00:00+02:00'); // 2026-11-25T23:00Z
    expect(start('week', created, d('2026-11-26T00:00:00Z'))).toBe('2026-11-25T00:00:00.000Z');
    expect(start('month', created, d('2026-12-25T00:00:00Z'))).toBe('2026-12-25T00:00:00.000Z');
  });

  it('should put an instant before the first period into it', () => {
    const created = d('2026-11-25T10:00:00Z');
    expect(start('week', created, d('2026-11-20T00:00:00Z'))).toBe('2026-11-25T00:00:00.000Z');
    expect(start('month', created, d('2026-10-01T00:00:00Z'))).toBe('2026-11-25T00:00:00.000Z');
  });

  it('should start monthly periods on the creation day-of-month, across years', () => {
    const created = d('2026-11-15T08:00:00Z');
    expect(start('month', created, d('2026-12-14T23:59:59.999Z'))).toBe('2026-11-15T00:00:00.000Z');
    expect(start('month', created, d('2026-12-15T00:00:00Z'))).toBe('2026-12-15T00:00:00.000Z');
    expect(start('month', created, d('2027-01-14T00:00:00Z'))).toBe('2026-12-15T00:00:00.000Z');
    expect(start('month', created, d('2027-01-15T00:00:00Z'))).toBe('2027-01-15T00:00:00.000Z');
    expect(nextGoalPeriodStart('month', created, d('2026-12-20T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-15T00:00:00.000Z',
    );
  });

  it('should clamp a month anchored on the 31st to shorter months, and come back', () => {
    const created = d('2027-01-31T12:00:00Z');
    expect(start('month', created, d('2027-02-27T23:59:59Z'))).toBe('2027-01-31T00:00:00.000Z');
    expect(start('month', created, d('2027-02-28T00:00:00Z'))).toBe('2027-02-28T00:00:00.000Z');
    expect(start('month', created, d('2027-03-30T23:59:59Z'))).toBe('2027-02-28T00:00:00.000Z');
    expect(start('month', created, d('2027-03-31T00:00:00Z'))).toBe('2027-03-31T00:00:00.000Z');
    expect(start('month', created, d('2027-04-30T00:00:00Z'))).toBe('2027-04-30T00:00:00.000Z');
    expect(start('month', created, d('2027-05-30T23:00:00Z'))).toBe('2027-04-30T00:00:00.000Z');
    expect(start('month', created, d('2027-05-31T00:00:00Z'))).toBe('2027-05-31T00:00:00.000Z');
    expect(nextGoalPeriodStart('month', created, d('2027-02-01T00:00:00Z'))?.toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
  });

  it('should have a February 29 in a leap year', () => {
    const created = d('2028-01-31T00:00:00Z');
    expect(start('month', created, d('2028-02-28T23:59:59Z'))).toBe('2028-01-31T00:00:00.000Z');
    expect(start('month', created, d('2028-02-29T00:00:00Z'))).toBe('2028-02-29T00:00:00.000Z');
    expect(start('month', created, d('2028-03-30T00:00:00Z'))).toBe('2028-02-29T00:00:00.000Z');
    const leapDay = d('2028-02-29T06:00:00Z');
    expect(start('month', leapDay, d('2029-02-28T00:00:00Z'))).toBe('2029-02-28T00:00:00.000Z');
    expect(start('month', leapDay, d('2028-03-29T00:00:00Z'))).toBe('2028-03-29T00:00:00.000Z');
    expect(start('week', leapDay, d('2028-03-07T00:00:00Z'))).toBe('2028-03-07T00:00:00.000Z');
    expect(start('week', leapDay, d('2028-03-06T23:59:59Z'))).toBe('2028-02-29T00:00:00.000Z');
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
