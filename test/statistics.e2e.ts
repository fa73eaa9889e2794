import { describe, expect, it, jest } from '@jest/globals';
import { expectStatus, type Schemas } from '@fitness/client';
import {
  A,
  api,
  B,
  DAY,
  endWorkout,
  importWorkouts,
  pastWorkout,
  rawCall,
  registerAndLogin,
  sleep,
  startWorkout,
  statistics,
  type PastWorkout,
  type Session,
} from './support/api.js';

// Statistics over time, against the real stack: counters per user and per day, ISO week and month
// (UTC), kept once per ended workout, on both activity instances at once.

jest.setTimeout(120_000);

type Trend = Schemas['TrendDto'];

function trend(
  base: string,
  s: Session,
  query: { bucket?: 'day' | 'week' | 'month'; from?: string; to?: string },
): Promise<Trend> {
  return expectStatus(
    api(base, s.token).GET('/users/{user_id}/statistics/trend', {
      params: { path: { user_id: s.user_id }, query },
    }),
    200,
  );
}

const at = (iso: string): Date => new Date(iso);
const workouts = (t: Trend): [string, number][] =>
  t.items.map((b) => [b.start.slice(0, 10), b.workouts]);

/** The workouts per bucket of a trend, read on `base`: [first day of the bucket, count]. */
async function buckets(
  base: string,
  s: Session,
  bucket: 'day' | 'week' | 'month',
  from: string,
  to: string,
): Promise<[string, number][]> {
  return workouts(await trend(base, s, { bucket, from, to }));
}

/** A shuffled copy: imports in any order must give the same counters. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('statistics over time', () => {
  let s: Session;
  let history: PastWorkout[];
  const now = new Date();
  const todayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

  // Six consecutive days across the 2024 leap day, an ISO week boundary (Sunday 23:59:59 and
  // Monday 00:00:00), a year end inside one ISO week, and recent days for the current streak.
  const fixed: PastWorkout[] = [
    pastWorkout('feb28', 'running', at('2024-02-28T10:00:00Z'), 30),
    pastWorkout('feb29', 'running', at('2024-02-29T10:00:00Z'), 45),
    pastWorkout('mar01', 'cycling', at('2024-03-01T00:00:00Z'), 60),
    pastWorkout('mar02', 'constructor', at('2024-03-02T12:00:00Z'), 10),
    pastWorkout('mar03', 'yoga', at('2024-03-03T23:59:59Z'), 20),
    pastWorkout('mar04', 'yoga', at('2024-03-04T00:00:00Z'), 20),
    pastWorkout('dec31', 'running', at('2024-12-31T23:00:00Z'), 30),
    pastWorkout('jan01', 'running', at('2025-01-01T01:00:00Z'), 30),
  ];
  const recent: PastWorkout[] = [
    // Today (at least a second after midnight, never in the future) and yesterday.
    pastWorkout(
      'today',
      'rowing',
      new Date(Math.max(todayStart.getTime() + 1000, Date.now() - 60_000)),
      1,
    ),
    pastWorkout('yesterday', 'rowing', new Date(todayStart.getTime() - 3600_000), 25),
    // Day 27 before today is inside the last 4 weeks, day 28 is not.
    pastWorkout('day-27', 'walking', new Date(todayStart.getTime() - 27 * DAY + 30_000), 15),
    pastWorkout('day-28', 'walking', new Date(todayStart.getTime() - 27 * DAY - 60_000), 15),
  ];

  it('should import a history once, in any order, from both activity instances at once', async () => {
    s = await registerAndLogin();
    history = [...fixed, ...recent];
    const order = shuffled(history);
    const half = Math.ceil(order.length / 2);
    // Two halves in parallel on the two instances, then everything again on both: each workout
    // must be counted exactly once.
    const first = await Promise.all([
      importWorkouts(s.user_id, order.slice(0, half), 0),
      importWorkouts(s.user_id, order.slice(half), 1),
    ]);
    const again = await Promise.all([
      importWorkouts(s.user_id, shuffled(history), 0),
      importWorkouts(s.user_id, shuffled(history), 1),
    ]);
    expect(first[0] + first[1]).toBe(history.length);
    expect(again).toEqual([0, 0]);
    const stats = await statistics(A, s);
    expect(stats.total_workouts).toBe(history.length);
    expect(stats.all_time.workouts).toBe(history.length);
    const minutes = history.reduce(
      (sum, w) => sum + (Date.parse(w.end_time) - Date.parse(w.start_time)) / 60_000,
      0,
    );
    expect(stats.all_time.duration).toBeCloseTo(minutes * 60, 6);
  });

  it('should lose no workout of one day imported on both activity instances at once', async () => {
    // Both instances add to the same day, week and month counters at the same moments; FerretDB
    // v1 applies even $inc as a read-modify-write (a find, then a write), so without the user's
    // lock around them some increments got lost.
    const u = await registerAndLogin();
    const perSide = 40;
    const day = (side: string): PastWorkout[] =>
      Array.from({ length: perSide }, (_, i) =>
        pastWorkout(`${side}${i}`, 'running', new Date(Date.UTC(2024, 4, 8, 10, i)), 20),
      );
    const imported = await Promise.all([
      importWorkouts(u.user_id, day('a'), 0),
      importWorkouts(u.user_id, day('b'), 1),
    ]);
    expect(imported).toEqual([perSide, perSide]);
    const all = 2 * perSide;
    expect(await buckets(A, u, 'day', '2024-05-08', '2024-05-08')).toEqual([['2024-05-08', all]]);
    expect(await buckets(B, u, 'week', '2024-05-06', '2024-05-12')).toEqual([['2024-05-06', all]]);
    expect(await buckets(A, u, 'month', '2024-05-01', '2024-05-31')).toEqual([['2024-05-01', all]]);
    expect((await statistics(B, u)).all_time).toMatchObject({
      workouts: all,
      duration: all * 20 * 60,
    });
  });

  it('should total each workout type with the calories each workout got', async () => {
    const stats = await statistics(B, s);
    const list = await expectStatus(
      api(A, s.token).GET('/users/{user_id}/workouts', {
        params: { path: { user_id: s.user_id }, query: { limit: 100 } },
      }),
      200,
    );
    // A Map: the types include 'constructor', which a plain object would already "have".
    const expected = new Map<
      string,
      { workouts: number; duration: number; calories_burned: number }
    >();
    for (const w of list.items) {
      const t = expected.get(w.workout_type) ?? { workouts: 0, duration: 0, calories_burned: 0 };
      expected.set(w.workout_type, t);
      t.workouts += 1;
      t.duration += w.duration ?? 0;
      t.calories_burned += w.calories_burned ?? 0;
    }
    expect(Object.keys(stats.by_workout_type).sort()).toEqual([...expected.keys()].sort());
    // A type named like a member of Object is a type like any other.
    expect(stats.by_workout_type.constructor).toMatchObject({ workouts: 1, duration: 600 });
    for (const [type, t] of expected) {
      expect(stats.by_workout_type[type]?.workouts).toBe(t.workouts);
      expect(stats.by_workout_type[type]?.duration).toBeCloseTo(t.duration, 2);
      expect(stats.by_workout_type[type]?.calories_burned).toBeCloseTo(t.calories_burned, 2);
    }
  });

  it('should count the last 28 UTC days and the year to date', async () => {
    const stats = await statistics(A, s);
    const since = todayStart.getTime() - 27 * DAY;
    const yearStart = Date.UTC(now.getUTCFullYear(), 0, 1);
    const ended = history.map((w) => Date.parse(w.end_time));
    expect(stats.recent_4_weeks.workouts).toBe(ended.filter((t) => t >= since).length);
    expect(stats.recent_4_weeks.workouts).toBe(3);
    expect(stats.year_to_date.workouts).toBe(ended.filter((t) => t >= yearStart).length);
  });

  it('should give the longest and the current streak of consecutive UTC days', async () => {
    const stats = await statistics(B, s);
    // 2024-02-28 to 2024-03-04, imported out of order: six days in a row.
    expect(stats.longest_streak_days).toBe(6);
    // Yesterday and today.
    expect(stats.current_streak_days).toBe(2);
  });

  it('should give day buckets across the leap day, empty days included', async () => {
    const t = await trend(A, s, { bucket: 'day', from: '2024-02-27', to: '2024-03-05' });
    expect(workouts(t)).toEqual([
      ['2024-02-27', 0],
      ['2024-02-28', 1],
      ['2024-02-29', 1],
      ['2024-03-01', 1],
      ['2024-03-02', 1],
      ['2024-03-03', 1],
      ['2024-03-04', 1],
      ['2024-03-05', 0],
    ]);
    expect(t.items[0]).toEqual({
      start: '2024-02-27T00:00:00.000Z',
      workouts: 0,
      duration: 0,
      calories_burned: 0,
    });
    expect(t.items[2]).toMatchObject({ workouts: 1, duration: 45 * 60 });
  });

  it('should cut ISO weeks between Sunday 23:59:59 and Monday 00:00:00, and across a year end', async () => {
    // From a Wednesday to a Sunday: the buckets are the Mondays of the weeks holding them.
    expect(await buckets(B, s, 'week', '2024-02-28', '2024-03-10')).toEqual([
      ['2024-02-26', 5],
      ['2024-03-04', 1],
    ]);
    expect(await buckets(A, s, 'week', '2024-12-31', '2025-01-01')).toEqual([['2024-12-30', 2]]);
  });

  it('should give month buckets', async () => {
    expect(await buckets(A, s, 'month', '2024-02-15', '2024-04-01')).toEqual([
      ['2024-02-01', 2],
      ['2024-03-01', 4],
      ['2024-04-01', 0],
    ]);
    expect(await buckets(B, s, 'month', '2024-12-01', '2025-01-31')).toEqual([
      ['2024-12-01', 1],
      ['2025-01-01', 1],
    ]);
  });

  it('should default to the last 12 ISO weeks up to today', async () => {
    const t = await trend(B, s, {});
    expect(t.items).toHaveLength(12);
    const monday = new Date(todayStart.getTime() - ((todayStart.getUTCDay() + 6) % 7) * DAY);
    expect(t.items[11]?.start).toBe(monday.toISOString());
    const since = Date.parse(t.items[0]?.start ?? '');
    const expected = history.filter((w) => Date.parse(w.end_time) >= since).length;
    expect(t.items.reduce((sum, b) => sum + b.workouts, 0)).toBe(expected);
  });

  it('should add a workout ended through the API to its day, week, month, type and totals', async () => {
    const before = await statistics(A, s);
    const today = now.toISOString().slice(0, 10);
    const dayBefore = await trend(A, s, { bucket: 'day', from: today, to: today });
    const started = await expectStatus(startWorkout(A, s, 'hiit'), 201);
    await sleep(1100);
    await expectStatus(endWorkout(B, s, started.session_id), 200);
    const after = await statistics(B, s);
    expect(after.all_time.workouts).toBe(before.all_time.workouts + 1);
    expect(after.recent_4_weeks.workouts).toBe(before.recent_4_weeks.workouts + 1);
    expect(after.by_workout_type.hiit?.workouts).toBe(1);
    expect(after.current_streak_days).toBe(2);
    const dayAfter = await trend(B, s, { bucket: 'day', from: today, to: today });
    // Unless midnight passed in between, today's bucket grew by one.
    if (new Date().toISOString().slice(0, 10) === today) {
      expect(dayAfter.items[0]?.workouts).toBe((dayBefore.items[0]?.workouts ?? 0) + 1);
    }
  });

  it('should give a user without workouts zeros everywhere', async () => {
    const fresh = await registerAndLogin();
    const stats = await statistics(A, fresh);
    expect(stats).toMatchObject({
      total_workouts: 0,
      recent_4_weeks: { workouts: 0, duration: 0, calories_burned: 0 },
      year_to_date: { workouts: 0 },
      all_time: { workouts: 0 },
      by_workout_type: {},
      current_streak_days: 0,
      longest_streak_days: 0,
    });
    const t = await trend(B, fresh, { bucket: 'month', from: '2025-01-01', to: '2025-12-31' });
    expect(t.items).toHaveLength(12);
    expect(t.items.every((b) => b.workouts === 0)).toBe(true);
  });

  it.each([
    ['bucket=year', 'bucket'],
    ['bucket=day&from=2024-02-30&to=2024-03-01', 'from'],
    ['bucket=day&from=2024-3-1&to=2024-03-05', 'from'],
    ['bucket=day&from=2024-03-05&to=2024-03-01', 'to'],
    ['bucket=day&from=2023-01-01&to=2024-01-02', 'from'],
    ['bucket=week&from=2024-01-01&to=2024-01-02&extra=1', 'extra'],
    ['bucket=day&from=2024-01-01%00&to=2024-01-02', 'from'],
  ])('should refuse ?%s with 400 naming %s, and change nothing', async (query, field) => {
    const before = await statistics(A, s);
    const res = await rawCall(A, 'GET', `/users/${s.user_id}/statistics/trend?${query}`, {
      token: s.token,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_ARGUMENT');
    expect(`${res.body.error.message} ${JSON.stringify(res.body.error.details ?? [])}`).toContain(
      field,
    );
    expect(await statistics(A, s)).toEqual(before);
  });

  it("should refuse another user's statistics and trend", async () => {
    const other = await registerAndLogin();
    for (const path of ['statistics', 'statistics/trend']) {
      const res = await rawCall(A, 'GET', `/users/${s.user_id}/${path}`, { token: other.token });
      expect(res.status).toBe(403);
    }
  });

  it('should refuse a whole import with one bad workout, storing none of it', async () => {
    const fresh = await registerAndLogin();
    const good = pastWorkout('ok', 'running', at('2025-06-01T10:00:00Z'));
    const cases: [string, PastWorkout][] = [
      ['a future end', pastWorkout('f', 'running', new Date(Date.now() + 3600_000))],
      ['an end before the start', { ...good, import_id: 'r', end_time: '2025-06-01T09:00:00Z' }],
      ['a 25-hour workout', pastWorkout('l', 'running', at('2025-06-03T10:00:00Z'), 25 * 60)],
      ['a control character', { ...good, import_id: 'x\u0000y' }],
      ['a bad type', { ...good, import_id: 't', workout_type: '__proto__' }],
      ['a bad date', { ...good, import_id: 'd', end_time: '2025-02-30T10:00:00Z' }],
    ];
    for (const [, bad] of cases) {
      await expect(importWorkouts(fresh.user_id, [good, bad])).rejects.toThrow(/INVALID_ARGUMENT/);
    }
    expect((await statistics(A, fresh)).all_time.workouts).toBe(0);
  });
});
