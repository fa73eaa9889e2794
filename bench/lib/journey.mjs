// A weighted user journey: each virtual user registers once, then does what users of a fitness app
// do, in proportions like a real day's: read their profile and statistics, list goals and
// workouts, record workouts, set goals, chat in a group session. Open loop at `rate` actions a
// second in all, for `seconds`, spread over both gateway replicas; a progress line while it runs.
import { setTimeout as sleep } from 'node:timers/promises';
import { expectStatus } from '@fitness/client';
import { api, endWorkout, newUsers, setGoal, startWorkout, userPath } from './api.mjs';
import { ack, connectSocket } from './chat-load.mjs';

const ACTIONS = [
  [
    'read profile',
    30,
    (u, base) => expectStatus(api(base, u).GET('/users/{user_id}', userPath(u)), 200),
  ],
  [
    'read statistics',
    20,
    (u, base) => expectStatus(api(base, u).GET('/users/{user_id}/statistics', userPath(u)), 200),
  ],
  [
    'list goals',
    10,
    (u, base) => expectStatus(api(base, u).GET('/users/{user_id}/goals', userPath(u)), 200),
  ],
  [
    'list workouts',
    10,
    (u, base) =>
      expectStatus(
        api(base, u).GET('/users/{user_id}/workouts', {
          params: { ...userPath(u).params, query: { limit: 20 } },
        }),
        200,
      ),
  ],
  [
    'record a workout',
    10,
    async (u, base) => {
      const w = await startWorkout(base, u);
      await endWorkout(base, u, w.session_id);
    },
  ],
  ['set a goal', 5, (u, base) => setGoal(base, u, 'workouts', 10, 7)],
  [
    'chat',
    15,
    async (u) => {
      const a = await ack(u.socket, 'send_message', {
        user_id: u.user_id,
        session_id: u.sessionId,
        message: 'keep going!',
      });
      if (!a.ok) throw new Error(`send_message: ${a.error?.code}`);
    },
  ],
];
const TOTAL_WEIGHT = ACTIONS.reduce((n, [, w]) => n + w, 0);

function pick(random = Math.random) {
  let r = random() * TOTAL_WEIGHT;
  for (const action of ACTIONS) {
    r -= action[1];
    if (r < 0) return action;
  }
  return ACTIONS[0];
}

/**
 * Runs the journey. Returns per action: count, errors, p50/p99 (ms). Every loop is bounded by
 * `seconds`, and in-flight actions are awaited (each has the API client's 15 s timeout).
 */
export async function runJourney({
  bases,
  rate,
  seconds,
  users: userCount = 10,
  progress = false,
}) {
  const users = await newUsers(bases[0], userCount, 4);
  // Everyone chats in one group session, half of them on each replica.
  for (const [i, u] of users.entries())
    u.socket = await connectSocket(bases[i % bases.length], { token: u.token });
  const created = await ack(users[0].socket, 'create_group_session', {
    workout_type: 'running',
    name: 'journey',
  });
  for (const u of users) {
    u.sessionId = created.session_id;
    if (u !== users[0])
      await ack(u.socket, 'join_group_session', { user_id: u.user_id, session_id: u.sessionId });
  }
  const stats = new Map(
    ACTIONS.map(([name]) => [name, { name, latencies: [], errors: 0, count: 0 }]),
  );
  const inFlight = new Set();
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const interval = 1000 / Math.max(0.1, rate);
  let due = started;
  let n = 0;
  let lastLine = 0;
  while (Date.now() < deadline) {
    const [name, , run] = pick();
    const user = users[n % users.length];
    const base = bases[n % bases.length];
    n += 1;
    const s = stats.get(name);
    const t0 = Date.now();
    const p = run(user, base).then(
      () => s.latencies.push(Date.now() - t0),
      (err) => {
        s.errors += 1;
        s.firstError ??= String(err?.message ?? err).slice(0, 200);
      },
    );
    s.count += 1;
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (progress && Date.now() - lastLine > 1000) {
      lastLine = Date.now();
      const errors = [...stats.values()].reduce((e, x) => e + x.errors, 0);
      process.stdout.write(
        `\r[journey] ${((Date.now() - started) / 1000).toFixed(0)}/${seconds} s, ${n} actions, ${errors} errors, ${inFlight.size} in flight   `,
      );
    }
    due += interval;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(inFlight);
  if (progress) process.stdout.write('\n');
  for (const u of users) u.socket.disconnect();
  const elapsed = (Date.now() - started) / 1000;
  return {
    seconds: elapsed,
    actions: [...stats.values()].map((s) => {
      s.latencies.sort((a, b) => a - b);
      const pct = (q) =>
        s.latencies[Math.min(s.latencies.length - 1, Math.floor(s.latencies.length * q))] ?? 0;
      return {
        name: s.name,
        count: s.count,
        errors: s.errors,
        firstError: s.firstError,
        p50: pct(0.5),
        p99: pct(0.99),
      };
    }),
  };
}
