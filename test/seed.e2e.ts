import { spawnSync } from 'node:child_process';
import { describe, expect, it, jest } from '@jest/globals';
import { expectStatus, type ApiClient } from '@fitness/client';
import { ROOT } from '../scripts/stack.mjs';
import { A, B, api, sleep, userPath } from './support/api.js';

// `make seed` against the real test stack: what it reports is what the users then see, and a
// second run adds nothing.

jest.setTimeout(300_000);

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

    const users: { as: ApiClient; user_id: string }[] = [];
    let sessionWorkouts = 0;
    for (let n = 0; n < 3; n++) {
      const login = await expectStatus(
        api(n % 2 ? A : B).POST('/users/login', {
          body: { email: `seed-${n}@example.test`, password: 'seed-password-1' },
        }),
        200,
      );
      const as = api(A, login.token);
      users.push({ as, user_id: login.user_id });
      const goals = await expectStatus(
        as.GET('/users/{user_id}/goals', userPath(login.user_id)),
        200,
      );
      expect(goals.items.length).toBeGreaterThanOrEqual(2);
      // A finished group session is a workout of each of its participants too.
      const sessions = await expectStatus(
        as.GET('/users/{user_id}/group-sessions', userPath(login.user_id)),
        200,
      );
      sessionWorkouts += sessions.items.length;
    }
    expect(sessionWorkouts).toBeGreaterThan(0);

    // The imported history at once; the group session's workouts as soon as the gateway's outbox
    // has delivered the ended session (asynchronously, so poll, bounded).
    const totals = async () => {
      let total = 0;
      for (const { as, user_id } of users) {
        const stats = await expectStatus(
          as.GET('/users/{user_id}/statistics', userPath(user_id)),
          200,
        );
        expect(stats.all_time.workouts).toBeGreaterThan(0);
        expect(stats.longest_streak_days).toBeGreaterThanOrEqual(1);
        total += stats.all_time.workouts;
      }
      return total;
    };
    const expected = Number(summary?.[1]) + sessionWorkouts;
    const deadline = Date.now() + 20_000;
    let total = await totals();
    while (total !== expected && Date.now() < deadline) {
      await sleep(250);
      total = await totals();
    }
    expect(total).toBe(expected);

    const again = seed();
    expect(again).toMatchObject({ status: 0 });
    expect(again.out).toMatch(/\(0 new\)/);
  });
});
