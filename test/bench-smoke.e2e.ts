import { describe, expect, it, jest } from '@jest/globals';
import { runJourney } from '../bench/lib/journey.mjs';
import { GATEWAYS } from './support/api.js';

jest.setTimeout(60_000);

describe('benchmark user journey (smoke run)', () => {
  it('should run every action of the journey at a tiny rate without an error', async () => {
    const report = await runJourney({ bases: GATEWAYS, rate: 8, seconds: 4, users: 3 });
    const byName = Object.fromEntries(report.actions.map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'chat',
        'list goals',
        'list workouts',
        'read profile',
        'read statistics',
        'record a workout',
        'set a goal',
      ].sort(),
    );
    for (const a of report.actions) {
      expect({ action: a.name, errors: a.errors }).toEqual({ action: a.name, errors: 0 });
    }
    expect(report.actions.reduce((n, a) => n + a.count, 0)).toBeGreaterThanOrEqual(20);
  });
});
