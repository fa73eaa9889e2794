import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MET, caloriesBurned } from './calories.js';

describe('caloriesBurned', () => {
  it('should use the Compendium MET of known types and 5.0 for any other', () => {
    expect(caloriesBurned('running', 70, 3600)).toBe(686);
    expect(caloriesBurned('yoga', 70, 3600)).toBe(175);
    expect(caloriesBurned('kitesurfing', 70, 3600)).toBe(DEFAULT_MET * 70);
  });

  it.each(['constructor', '__proto__', 'tostring', 'hasownproperty', 'valueof'])(
    'should treat "%s" as an unknown type, never as a member of Object',
    (type) => {
      const kcal = caloriesBurned(type, 80, 1800);
      expect(Number.isFinite(kcal)).toBe(true);
      expect(kcal).toBe(DEFAULT_MET * 80 * 0.5);
    },
  );

  it('should fall back to 70 kg for a missing or non-finite weight', () => {
    expect(caloriesBurned('running', undefined, 3600)).toBe(686);
    expect(caloriesBurned('running', Number.NaN, 3600)).toBe(686);
  });
});
