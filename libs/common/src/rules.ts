import { InvalidArgumentError } from './errors/domain-errors.js';

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

/** once: until target_date; week and month: recurring from the creation, each counted afresh. */
export const GOAL_PERIODS = ['once', 'week', 'month'] as const;
export type GoalPeriod = (typeof GOAL_PERIODS)[number];
export const GOAL_STATUSES = ['active', 'achieved', 'expired'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const WORKOUT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const WORKOUT_TYPE_RULE =
  'workout_type must be 1 to 32 letters, digits, dashes or underscores, starting with a letter';
export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;
/** Longest plausible single workout; anything longer is a forgotten session or a typo. */
export const MAX_WORKOUT_SECONDS = 24 * 3600;
/** Far above any human's burn in a day (MET 25 × 500 kg × 24 h): a larger number is an attack. */
export const MAX_WORKOUT_KCAL = 300_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The value when it is a UUID; INVALID_ARGUMENT naming the field otherwise. */
export function requireUuid(value: string, field: string): string {
  if (!isUuid(value)) {
    throw new InvalidArgumentError(`${field} must be a UUID`, field);
  }
  return value;
}

/** The value when a client may send it as text (see unsafeTextReason); INVALID_ARGUMENT otherwise. */
export function requireSafeText(value: string, field: string, multiline = false): string {
  const reason = unsafeTextReason(value, multiline);
  if (reason) {
    throw new InvalidArgumentError(`${field} ${reason}`, field);
  }
  return value;
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. Matching control
// characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Why a client's string cannot be stored or shown as it is, or undefined when it can: control
 * characters (line breaks only where `multiline`), and unpaired UTF-16 surrogates, which no store
 * can encode (PostgreSQL refuses them, UTF-8 would silently turn them into U+FFFD).
 */
export function unsafeTextReason(value: string, multiline = false): string | undefined {
  if ((multiline ? CONTROL : CONTROL_OR_BREAK).test(value)) {
    return 'must not contain control characters';
  }
  if (!value.isWellFormed()) {
    return 'must be valid Unicode (no unpaired surrogates)';
  }
  return undefined;
}

/** The refusal of a value outside `allowed`, the same on the gateway and in the services. */
export function oneOfRule(field: string, allowed: readonly string[]): string {
  return `${field} must be one of: ${allowed.join(', ')}`;
}

/** The value when it is one of `allowed`; INVALID_ARGUMENT naming the field otherwise. */
export function requireOneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(oneOfRule(field, allowed), field);
  }
  return value as T;
}

/** A workout type as the activity service stores it (lower-case); INVALID_ARGUMENT otherwise. */
export function requireWorkoutType(value: string, field = 'workout_type'): string {
  if (!WORKOUT_TYPE_PATTERN.test(value)) {
    throw new InvalidArgumentError(WORKOUT_TYPE_RULE, field);
  }
  return value.toLowerCase();
}

/** The page size a list request asks for: PAGE_DEFAULT when not sent (0), else 1 to PAGE_MAX. */
export function requirePageLimit(limit: number): number {
  const value = limit === 0 ? PAGE_DEFAULT : limit;
  if (!Number.isInteger(value) || value < 1 || value > PAGE_MAX) {
    throw new InvalidArgumentError(`limit must be between 1 and ${PAGE_MAX}`, 'limit');
  }
  return value;
}

/** A finite number within [0, max], or undefined. */
export function finiteInRange(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
    ? value
    : undefined;
}

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

/** The value as a date-time (see parseIsoDateTime); INVALID_ARGUMENT naming the field otherwise. */
export function requireIsoDateTime(value: string, field: string): Date {
  const date = parseIsoDateTime(value);
  if (!date) {
    throw new InvalidArgumentError(`${field} must be an ISO-8601 date-time`, field);
  }
  return date;
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
