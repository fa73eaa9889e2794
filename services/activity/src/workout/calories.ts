import { MAX_WORKOUT_KCAL, round2 } from '@fitness/common';

/**
 * MET values from the Compendium of Physical Activities (general intensity of each activity). A
 * Map, not an object: a workout type named "constructor" or "__proto__" must not find Object's
 * members.
 */
export const MET_BY_WORKOUT_TYPE: ReadonlyMap<string, number> = new Map([
  ['running', 9.8],
  ['cycling', 7.5],
  ['swimming', 8.0],
  ['walking', 3.5],
  ['strength', 5.0],
  ['hiit', 8.0],
  ['yoga', 2.5],
  ['rowing', 7.0],
  ['hiking', 6.0],
]);
export const DEFAULT_MET = 5.0;
export const DEFAULT_WEIGHT_KG = 70;

/** kcal = MET × weight (kg) × hours, rounded to 2 decimals; always a finite, bounded number. */
export function caloriesBurned(
  workoutType: string,
  weightKg: number | undefined,
  seconds: number,
): number {
  const met = MET_BY_WORKOUT_TYPE.get(workoutType) ?? DEFAULT_MET;
  const weight = weightKg !== undefined && Number.isFinite(weightKg) ? weightKg : DEFAULT_WEIGHT_KG;
  const kcal = met * weight * (seconds / 3600);
  if (!Number.isFinite(kcal) || kcal < 0) {
    throw new RangeError(`calories of ${seconds} s of ${workoutType} are not a finite number`);
  }
  return round2(Math.min(kcal, MAX_WORKOUT_KCAL));
}
