import { describe, expect, it, jest } from '@jest/globals';
import { isoDay, type Granularity } from '@fitness/common';
import {
  bucketCount,
  bucketsBetween,
  currentStreak,
  extendStreak,
  streakAfter,
  streakFromDays,
  type Streak,
} from './buckets.js';

const d = (s: string): Date => new Date(`${s}T12:00:00Z`);
const days = (list: Date[]): string[] => list.map(isoDay);

describe('bucketsBetween', () => {
  it.each<[string, string, Granularity, string]>([
    // Every day, both ends included, across a leap day.
    ['2024-02-27', '2024-03-01', 'day', '2024-02-27 2024-02-28 2024-02-29 2024-03-01'],
    // The ISO weeks holding the dates, from their Mondays: Sunday 2026-11-29 is in the week of
    // Monday the 23rd; Monday the 30th starts the next one.
    ['2026-11-29', '2026-11-30', 'week', '2026-11-23 2026-11-30'],
    ['2026-12-31', '2027-01-10', 'week', '2026-12-28 2027-01-04'],
    // The months holding the dates, across a year end.
    ['2026-11-30', '2027-02-01', 'month', '2026-11-01 2026-12-01 2027-01-01 2027-02-01'],
  ])('should give the buckets from %s to %s by %s: %s', (from, to, granularity, starts) => {
    expect(days(bucketsBetween(d(from), d(to), granularity)).join(' ')).toBe(starts);
  });

  it('should agree with bucketCount, which builds nothing', () => {
    for (const [from, to] of [
      ['2024-01-01', '2024-12-31'],
      ['2026-11-29', '2026-11-30'],
      ['2023-12-31', '2027-01-01'],
      ['2026-05-05', '2026-05-05'],
    ]) {
      for (const g of ['day', 'week', 'month'] as const) {
        expect(bucketCount(d(from), d(to), g)).toBe(bucketsBetween(d(from), d(to), g).length);
      }
    }
    expect(bucketCount(d('2024-01-01'), d('2024-12-31'), 'day')).toBe(366);
    expect(bucketCount(d('2026-01-02'), d('2026-01-01'), 'day')).toBe(0);
  });
});

describe('streaks (consecutive UTC days with a workout)', () => {
  const streak = (current: number, longest: number, last: string): Streak => ({
    current,
    longest,
    lastDay: new Date(`${last}T00:00:00Z`),
  });

  it('should start at 1, grow on the next day and stay on the same day', () => {
    const first = extendStreak(undefined, d('2026-11-27'));
    expect(first).toEqual(streak(1, 1, '2026-11-27'));
    expect(extendStreak(first, new Date('2026-11-27T23:59:59Z'))).toEqual(first);
    expect(extendStreak(first, new Date('2026-11-28T00:00:00Z'))).toEqual(
      streak(2, 2, '2026-11-28'),
    );
  });

  it('should restart after a day without a workout and keep the longest', () => {
    expect(extendStreak(streak(5, 5, '2026-11-20'), d('2026-11-22'))).toEqual(
      streak(1, 5, '2026-11-22'),
    );
  });

  it('should run across a month end and a leap day', () => {
    expect(
      streakFromDays([d('2024-02-28'), d('2024-03-01'), d('2024-02-29'), d('2024-02-27')]),
    ).toEqual(streak(4, 4, '2024-03-01'));
  });

  it('should ask for a recount when a late workout lands before the last day', () => {
    expect(extendStreak(streak(1, 3, '2026-11-27'), d('2026-11-25'))).toBeUndefined();
    // A late workout on the 26th joins the run of the 23rd-25th with the 27th: 5 days.
    expect(
      streakFromDays([
        d('2026-11-23'),
        d('2026-11-24'),
        d('2026-11-25'),
        d('2026-11-27'),
        d('2026-11-26'),
      ]),
    ).toEqual(streak(5, 5, '2026-11-27'));
  });

  it('should extend a streak without reading the days, and recount a late workout from them', async () => {
    const daysWithWorkouts = jest.fn(() =>
      Promise.resolve([d('2026-11-25'), d('2026-11-26'), d('2026-11-27')]),
    );
    expect(
      await streakAfter(streak(2, 2, '2026-11-27'), d('2026-11-28'), daysWithWorkouts),
    ).toEqual(streak(3, 3, '2026-11-28'));
    expect(daysWithWorkouts).not.toHaveBeenCalled();
    expect(
      await streakAfter(streak(1, 2, '2026-11-27'), d('2026-11-26'), daysWithWorkouts),
    ).toEqual(streak(3, 3, '2026-11-27'));
    // No day recorded (yet): the workout's day alone.
    expect(
      await streakAfter(streak(1, 2, '2026-11-27'), d('2026-11-20'), () => Promise.resolve([])),
    ).toEqual(streak(1, 1, '2026-11-20'));
  });

  it('should count the current streak only while its last day is today or yesterday', () => {
    const s = streak(4, 6, '2026-11-27');
    expect(currentStreak(s, new Date('2026-11-27T00:00:00Z'))).toBe(4);
    expect(currentStreak(s, new Date('2026-11-28T00:00:00Z'))).toBe(4);
    expect(currentStreak(s, new Date('2026-11-29T00:00:00Z'))).toBe(0);
    expect(currentStreak(undefined, new Date('2026-11-29T00:00:00Z'))).toBe(0);
  });
});
