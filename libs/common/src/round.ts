/** Durations (s) and calories (kcal) are reported rounded to 2 decimals, never to whole units. */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
