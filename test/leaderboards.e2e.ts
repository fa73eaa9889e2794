import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { expectStatus, type Schemas } from '@fitness/client';
import { LeaderboardStore, type LeaderboardScores } from '@fitness/common';
import { rebuildLeaderboards, stackEnv } from '../scripts/stack.mjs';
import {
  A,
  api,
  B,
  importWorkouts,
  pastWorkout,
  quickWorkout,
  rawCall,
  registerAndLogin,
  registerUsers,
  userPath,
  type Session,
} from './support/api.js';
import {
  closeAll,
  connect,
  joinedClient,
  ofType,
  startGroupSession,
  waitFor,
  type Client,
} from './support/realtime.js';

// Leaderboards against the real stack: Redis sorted sets kept by the activity service as workouts
// end and by the user service as people choose to be listed, read through both gateways. Other
// suites' users share the boards, so every assertion is relative to what the board itself lists.

jest.setTimeout(120_000);

type Board = Schemas['LeaderboardDto'];
type Metric = 'workouts' | 'duration' | 'calories_burned';

afterEach(() => closeAll());

function board(
  base: string,
  s: Session,
  metric: Metric,
  period: 'week' | 'month' | 'all',
  limit = 100,
): Promise<Board> {
  return expectStatus(
    api(base, s.token).GET('/leaderboards/{metric}', {
      params: { path: { metric }, query: { period, limit } },
    }),
    200,
  );
}

function setVisible(s: Session, visible: boolean, username?: string) {
  return expectStatus(
    api(A, s.token).PATCH('/users/{user_id}', {
      ...userPath(s.user_id),
      body: { leaderboard_visible: visible, ...(username ? { username } : {}) },
    }),
    200,
  );
}

/** `n` workouts of `minutes` each that ended in the last minutes (inside this week and month). */
async function recentWorkouts(s: Session, n: number, minutes: number, instance = 0): Promise<void> {
  const now = Date.now();
  const items = Array.from({ length: n }, (_, i) =>
    pastWorkout(`lb-${i}`, 'running', new Date(now - 60_000 - i * 1000), minutes),
  );
  expect(await importWorkouts(s.user_id, items, instance)).toBe(n);
}

/** The rank a value must have on a complete board: one more than the entries above it. */
function expectedRank(b: Board, value: number): number {
  return 1 + b.items.filter((e) => e.value > value).length;
}

function entry(b: Board, s: Session) {
  return b.items.find((e) => e.user_id === s.user_id);
}

describe('leaderboards', () => {
  it('should list only visible users, rank ties alike and give everyone their own rank', async () => {
    const [ann, ben, cat] = await registerUsers(3);
    // Durations no other suite uses: ann and ben tie, cat trails.
    await Promise.all([
      recentWorkouts(ann, 2, 173, 0),
      recentWorkouts(ben, 2, 173, 1),
      recentWorkouts(cat, 1, 71, 0),
    ]);

    // Private by default: nobody is listed yet, yet everyone has a rank.
    const before = await board(A, ann, 'duration', 'week');
    expect(before.items.length).toBeLessThan(100);
    expect(entry(before, ann)).toBeUndefined();
    expect(before.me).toEqual({
      rank: expectedRank(before, 2 * 173 * 60),
      value: 2 * 173 * 60,
    });

    await Promise.all([setVisible(ann, true), setVisible(ben, true)]);
    for (const period of ['week', 'month', 'all'] as const) {
      const b = await board(B, cat, 'duration', period);
      const a = entry(b, ann);
      expect(a).toMatchObject({ username: ann.username, value: 2 * 173 * 60 });
      expect(entry(b, ben)).toMatchObject({ username: ben.username, rank: a?.rank });
      expect(a?.rank).toBe(expectedRank(b, 2 * 173 * 60));
      expect(entry(b, cat)).toBeUndefined();
      expect(b.me).toEqual({ rank: expectedRank(b, 71 * 60), value: 71 * 60 });
      // Competition ranking: ranks never decrease, and a tie skips the next rank.
      b.items.forEach((e, i) => {
        if (i > 0) {
          const prev = b.items[i - 1];
          expect(e.rank).toBe(e.value === prev.value ? prev.rank : i + 1);
        }
      });
    }
    const byCount = await board(A, cat, 'workouts', 'all');
    expect(entry(byCount, ann)?.value).toBe(2);
    expect(entry(byCount, ann)?.rank).toBe(expectedRank(byCount, 2));
    const byCalories = await board(A, cat, 'calories_burned', 'month');
    expect(entry(byCalories, ann)?.value).toBeGreaterThan(0);
    expect(entry(byCalories, ann)?.value).toBe(entry(byCalories, ben)?.value);

    // A workout ended through the API moves the user up on the current boards.
    await quickWorkout(ann, 'running');
    const after = await board(A, ben, 'workouts', 'week');
    expect(entry(after, ann)?.value).toBe(3);
    expect(entry(after, ben)?.value).toBe(2);
    expect(entry(after, ann)!.rank).toBeLessThan(entry(after, ben)!.rank);

    // Renamed while listed: the board shows the new name. Hidden again: gone, still ranked.
    const renamed = `lb_${randomUUID().slice(0, 8)}`;
    await setVisible(ann, true, renamed);
    expect(entry(await board(B, cat, 'workouts', 'all'), ann)?.username).toBe(renamed);
    await setVisible(ann, false);
    const hidden = await board(B, ann, 'workouts', 'all');
    expect(entry(hidden, ann)).toBeUndefined();
    expect(entry(hidden, ben)).toBeDefined();
    expect(hidden.me).toEqual({ rank: expectedRank(hidden, 3), value: 3 });
  });

  it('should refuse unknown metrics, periods and limits, and anonymous callers', async () => {
    const s = await registerAndLogin();
    for (const path of [
      '/leaderboards/steps',
      '/leaderboards/constructor',
      '/leaderboards/__proto__',
      '/leaderboards/workouts?period=year',
      '/leaderboards/workouts?period=toString',
      '/leaderboards/workouts?limit=0',
      '/leaderboards/workouts?limit=101',
      '/leaderboards/workouts?limit=abc',
      '/leaderboards/workouts?limit=1e400',
    ]) {
      const res = await rawCall(A, 'GET', path, { token: s.token });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.code).toBe('INVALID_ARGUMENT');
    }
    const anonymous = await rawCall(B, 'GET', '/leaderboards/workouts');
    expect(anonymous.status).toBe(401);
  });

  it('should rebuild every board from the stores after Redis lost them', async () => {
    const [dan, eve] = await registerUsers(2);
    await Promise.all([recentWorkouts(dan, 3, 41, 0), recentWorkouts(eve, 1, 41, 1)]);
    await setVisible(dan, true);
    const before = await board(A, eve, 'workouts', 'all');
    expect(entry(before, dan)).toMatchObject({ username: dan.username, value: 3 });

    const redis = new Redis(stackEnv('test').REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys('lb:v1:*');
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    const lost = await board(A, eve, 'workouts', 'all');
    expect(entry(lost, dan)).toBeUndefined();
    expect(lost.me.value).toBe(0);

    rebuildLeaderboards('test');

    for (const period of ['week', 'month', 'all'] as const) {
      const rebuilt = await board(B, eve, 'workouts', period);
      expect(entry(rebuilt, dan)).toMatchObject({ username: dan.username, value: 3 });
      expect(entry(rebuilt, dan)?.rank).toBe(expectedRank(rebuilt, 3));
      expect(entry(rebuilt, eve)).toBeUndefined();
      expect(rebuilt.me).toEqual({ rank: expectedRank(rebuilt, 1), value: 1 });
    }
  });
});

describe('the leaderboard store', () => {
  it('should never lower a score when an older sync arrives after a newer one', async () => {
    const redis = new Redis(stackEnv('test').REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const store = new LeaderboardStore(redis);
      const user = randomUUID();
      const scores = (n: number): LeaderboardScores => ({
        workouts: { week: n, month: n, all: n },
        duration: { week: n * 60, month: n * 60, all: n * 60 },
        calories_burned: { week: n, month: n, all: n },
      });
      await store.setVisibility(user, true, 'late_sync');
      await store.sync(user, scores(5));
      await store.sync(user, scores(3));
      await store.sync(user, scores(0));
      for (const period of ['week', 'month', 'all'] as const) {
        const b = await store.read('duration', period, 100, user);
        expect(b.me.value).toBe(300);
        expect(b.items.find((e) => e.user_id === user)).toMatchObject({ value: 300 });
      }
      await store.sync(user, scores(6));
      expect((await store.read('workouts', 'all', 100, user)).me.value).toBe(6);
      await store.setVisibility(user, false, 'late_sync');
    } finally {
      redis.disconnect();
    }
  });
});

describe('the live leaderboard of a group session', () => {
  it('should rank members per exercise on both replicas, ties alike, only when the board changes', async () => {
    const [amy, bob, cal] = await registerUsers(3);
    const a = await connect(A, amy.token);
    const id = await startGroupSession(a, { workout_type: 'hiit', name: 'Push-ups' });
    const b = await joinedClient(B, bob, id);
    const c = await joinedClient(A, cal, id);
    const update = (client: Client, exercise: string, value: number, unit = 'reps') =>
      client.emit('exercise_update', { session_id: id, exercise, value, unit });

    expect((await update(a, 'push-ups', 10)).ok).toBe(true);
    expect((await update(b, 'push-ups', 12)).ok).toBe(true);
    expect((await update(c, 'push-ups', 12)).ok).toBe(true);
    // Another exercise, and the same name in another unit, are boards of their own.
    expect((await update(c, 'plank', 60, 's')).ok).toBe(true);
    expect((await update(a, 'push-ups', 5, 'sets')).ok).toBe(true);

    const boards = (client: Client) => ofType(client, 'leaderboard');
    for (const client of [a, b, c]) {
      await waitFor('five leaderboard updates', () => boards(client).length >= 5);
    }
    const last = (client: Client, exercise: string, unit: string) =>
      boards(client)
        .filter((u) => u.data.exercise === exercise && u.data.unit === unit)
        .at(-1)?.data.items;
    for (const client of [a, b, c]) {
      const pushUps = last(client, 'push-ups', 'reps');
      expect(pushUps?.map((e) => [e.rank, e.value])).toEqual([
        [1, 12],
        [1, 12],
        [3, 10],
      ]);
      expect(pushUps?.[2]).toMatchObject({ user_id: amy.user_id, username: amy.username });
      expect(new Set(pushUps?.slice(0, 2).map((e) => e.user_id))).toEqual(
        new Set([bob.user_id, cal.user_id]),
      );
      expect(last(client, 'plank', 's')).toEqual([
        expect.objectContaining({ rank: 1, user_id: cal.user_id, value: 60 }),
      ]);
      expect(last(client, 'push-ups', 'sets')).toEqual([
        expect.objectContaining({ rank: 1, user_id: amy.user_id, value: 5 }),
      ]);
    }

    // The same value again changes nothing on the board, so no leaderboard update goes out.
    const seen = boards(b).length;
    expect((await update(a, 'push-ups', 10)).ok).toBe(true);
    await waitFor(
      'the exercise update',
      () => ofType(b, 'exercise').filter((u) => u.data.user_id === amy.user_id).length >= 3,
    );
    expect(boards(b)).toHaveLength(seen);
    // A member's latest value counts: a lower one is a new board.
    expect((await update(a, 'push-ups', 3)).ok).toBe(true);
    await waitFor('the lowered board', () => boards(b).length === seen + 1);
    expect(last(b, 'push-ups', 'reps')?.map((e) => [e.rank, e.value])).toEqual([
      [1, 12],
      [1, 12],
      [3, 3],
    ]);
  });
});
