import { spawnSync } from 'node:child_process';
import { describe, expect, it, jest } from '@jest/globals';
import { expectStatus } from '@fitness/client';
import { ROOT } from '../scripts/stack.mjs';
import { GATEWAYS, api, userPath } from './support/api.js';

// `make seed` against the real test stack: what it reports is what the users then see, and a
// second run adds nothing.

jest.setTimeout(300_000);

const [A, B] = GATEWAYS as [string, string];
// A seed of its own: these users exist only for this suite (emails are seed-<n>@example.test).
const ARGS = ['--profile', 'test', '--users', '3', '--months', '2', '--sessions', '1'];

function seed(): { status: number | null; out: string } {
  const res = spawnSync(process.execPath, ['scripts/seed.mjs', ...ARGS], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('make seed', () => {
  it('should give users a history, goals and a group session, once', async () => {
    const first = seed();
    expect(first).toMatchObject({ status: 0 });
    const summary =
      /seeded 3 users .*?, (\d+) workouts over 2 months \((\d+) new\), 1 group sessions/.exec(
        first.out,
      );
    expect(summary).not.toBeNull();
    expect(first.out).toMatch(/workouts \(\d+\): \d+\/\d+/);

    let total = 0;
    for (let n = 0; n < 3; n++) {
      const login = await expectStatus(
        api(n % 2 ? A : B).POST('/users/login', {
          body: { email: `seed-${n}@example.test`, password: 'seed-password-1' },
        }),
        200,
      );
      const as = api(A, login.token);
      const stats = await expectStatus(
        as.GET('/users/{user_id}/statistics', userPath(login.user_id)),
        200,
      );
      expect(stats.all_time.workouts).toBeGreaterThan(0);
      expect(stats.longest_streak_days).toBeGreaterThanOrEqual(1);
      total += stats.all_time.workouts;
      const goals = await expectStatus(
        as.GET('/users/{user_id}/goals', userPath(login.user_id)),
        200,
      );
      expect(goals.items.length).toBeGreaterThanOrEqual(2);
    }
    expect(total).toBe(Number(summary?.[1]));

    const again = seed();
    expect(again).toMatchObject({ status: 0 });
    expect(again.out).toMatch(/\(0 new\)/);
  });
});
