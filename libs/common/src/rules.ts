/**
 * Input rules shared by the gateway's request validation and the services that own the data, so the
 * two can never disagree.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const USERNAME_RULE =
  'username must be 3 to 32 letters, digits, dots, dashes or underscores';
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const WEIGHT_RANGE = { min: 20, max: 500 } as const;
export const HEIGHT_RANGE = { min: 50, max: 300 } as const;

export const GOAL_TYPES = ['workouts', 'duration_minutes', 'calories'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];
/** Upper bounds that keep a goal humanly meaningful (a higher one is a typo, not a goal). */
export const GOAL_TARGET_MAX: Readonly<Record<GoalType, number>> = {
  workouts: 10_000,
  duration_minutes: 1_000_000,
  calories: 10_000_000,
};

export const WORKOUT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const WORKOUT_TYPE_RULE =
  'workout_type must be 1 to 32 letters, digits, dashes or underscores, starting with a letter';
export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(year: number, month: number, day: number): boolean {
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

/**
 * An ISO-8601 date-time with its zone (`Z` or `±hh:mm`), or undefined. Stricter than `Date.parse`,
 * which takes 2026-02-30 for 2026-03-02 and 24:00 for the next day.
 */
export function parseIsoDateTime(value: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second = 0, offH = 0, offM = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (
    !validDay(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offH > 23 ||
    offM > 59
  ) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** An ISO-8601 calendar date (YYYY-MM-DD) as the start of that day in UTC, or undefined. */
export function parseIsoDate(value: string): Date | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) {
    return undefined;
  }
  const [year, month, day] = m.slice(1).map(Number);
  return validDay(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : undefined;
}
