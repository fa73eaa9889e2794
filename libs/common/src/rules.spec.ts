import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from './errors/domain-errors.js';
import {
  GOAL_PERIODS,
  PAGE_DEFAULT,
  PAGE_MAX,
  WORKOUT_TYPE_RULE,
  oneOfRule,
  requireIsoDateTime,
  requireOneOf,
  requirePageLimit,
  requireWorkoutType,
} from './rules.js';

/** The field and message of the INVALID_ARGUMENT that `run` throws. */
function refusal(run: () => unknown): { field?: string; message: string } {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return { field: (err as InvalidArgumentError).field, message: (err as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('requireOneOf', () => {
  it('should keep an allowed value and name the field and the choices otherwise', () => {
    expect(requireOneOf('week', GOAL_PERIODS, 'period')).toBe('week');
    expect(refusal(() => requireOneOf('Week', GOAL_PERIODS, 'period'))).toEqual({
      field: 'period',
      message: 'period must be one of: once, week, month',
    });
    expect(oneOfRule('period', GOAL_PERIODS)).toBe('period must be one of: once, week, month');
  });
});

describe('requireWorkoutType', () => {
  it('should store the type lower-case', () => {
    expect(requireWorkoutType('HIIT')).toBe('hiit');
  });

  it.each([
    ['', 'workout_type'],
    ['9lives', 'workout_type'],
    ['a'.repeat(33), 'workouts.workout_type'],
  ])('should refuse %j, naming %s', (value, field) => {
    expect(refusal(() => requireWorkoutType(value, field))).toEqual({
      field,
      message: WORKOUT_TYPE_RULE,
    });
  });
});

describe('requirePageLimit', () => {
  it.each([
    [0, PAGE_DEFAULT],
    [1, 1],
    [PAGE_MAX, PAGE_MAX],
  ])('should take %d as %d', (limit, expected) => {
    expect(requirePageLimit(limit)).toBe(expected);
  });

  it.each([-1, 1.5, PAGE_MAX + 1, Number.NaN])('should refuse %d', (limit) => {
    expect(refusal(() => requirePageLimit(limit))).toEqual({
      field: 'limit',
      message: `limit must be between 1 and ${PAGE_MAX}`,
    });
  });
});

describe('requireIsoDateTime', () => {
  it('should parse a date-time with its zone', () => {
    expect(requireIsoDateTime('2026-11-25T18:45:00+01:00', 'end_time').toISOString()).toBe(
      '2026-11-25T17:45:00.000Z',
    );
  });

  it.each(['2026-11-25', '2026-02-30T10:00:00Z', 'yesterday'])('should refuse %j', (value) => {
    expect(refusal(() => requireIsoDateTime(value, 'end_time'))).toEqual({
      field: 'end_time',
      message: 'end_time must be an ISO-8601 date-time',
    });
  });
});
