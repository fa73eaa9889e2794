import { describe, expect, it } from '@jest/globals';
import { dayStart, isoDay, nextPeriod, periodStart } from './calendar.js';

const at = (iso: string): Date => new Date(iso);
const day = (d: Date): string => isoDay(d);

describe('dayStart', () => {
  it('should cut to UTC midnight, whatever the offset the instant was written with', () => {
    expect(dayStart(at('2026-03-29T23:59:59.999Z')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    // 01:30 in Paris on the 30th is still the 29th in UTC.
    expect(day(dayStart(at('2026-03-30T01:30:00+02:00')))).toBe('2026-03-29');
    expect(day(dayStart(at('2026-03-30T00:00:00.000Z')))).toBe('2026-03-30');
  });
});

describe('periodStart (ISO weeks start on Monday)', () => {
  it.each([
    // [instant, week start, month start]
    ['2026-11-23T00:00:00.000Z', '2026-11-23', '2026-11-01'], // a Monday, first instant
    ['2026-11-29T23:59:59.999Z', '2026-11-23', '2026-11-01'], // its Sunday, last instant
    ['2026-11-30T00:00:00.000Z', '2026-11-30', '2026-11-01'], // next Monday
    ['2027-01-01T12:00:00.000Z', '2026-12-28', '2027-01-01'], // ISO week 53 of 2026 spans the new year
    ['2024-02-29T08:00:00.000Z', '2024-02-26', '2024-02-01'], // leap day
    ['2024-03-01T00:00:00.000Z', '2024-02-26', '2024-03-01'], // the day after it, same week
    ['2026-10-25T01:30:00.000Z', '2026-10-19', '2026-10-01'], // European DST change: UTC has none
  ])('should put %s in the week of %s and the month of %s', (instant, week, month) => {
    expect(day(periodStart(at(instant), 'day'))).toBe(instant.slice(0, 10));
    expect(day(periodStart(at(instant), 'week'))).toBe(week);
    expect(day(periodStart(at(instant), 'month'))).toBe(month);
  });
});

describe('nextPeriod', () => {
  it('should step days, weeks and months across year ends and leap years', () => {
    expect(day(nextPeriod(at('2024-02-28T00:00:00Z'), 'day'))).toBe('2024-02-29');
    expect(day(nextPeriod(at('2023-02-28T00:00:00Z'), 'day'))).toBe('2023-03-01');
    expect(day(nextPeriod(at('2026-12-28T00:00:00Z'), 'week'))).toBe('2027-01-04');
    expect(day(nextPeriod(at('2026-12-01T00:00:00Z'), 'month'))).toBe('2027-01-01');
    expect(day(nextPeriod(at('2024-01-01T00:00:00Z'), 'month'))).toBe('2024-02-01');
  });
});
