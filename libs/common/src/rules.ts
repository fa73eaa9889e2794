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
