import { round2 } from '@fitness/common';

/** MET values from the Compendium of Physical Activities (general intensity of each activity). */
export const MET_BY_WORKOUT_TYPE: Readonly<Record<string, number>> = {
  running: 9.8,
  cycling: 7.5,
  swimming: 8.0,
  walking: 3.5,
  strength: 5.0,
  hiit: 8.0,
  yoga: 2.5,
  rowing: 7.0,
  hiking: 6.0,
};
export const DEFAULT_MET = 5.0;
export const DEFAULT_WEIGHT_KG = 70;

/** kcal = MET × weight (kg) × hours, rounded to 2 decimals. */
export function caloriesBurned(
  workoutType: string,
  weightKg: number | undefined,
  seconds: number,
): number {
  const met = MET_BY_WORKOUT_TYPE[workoutType] ?? DEFAULT_MET;
  return round2(met * (weightKg ?? DEFAULT_WEIGHT_KG) * (seconds / 3600));
}
