// `make seed`: demo data for a running local system (`make up`): N users with months of realistic
// workouts, goals, leaderboard choices and finished group sessions with chat.
//
// Users, goals and histories go through the services' internal gRPC API with the service
// credential (the way an operator's import tool would: the public API refuses past workouts and
// rate-limits registrations from one address); group sessions go through the gateway's public
// Socket.IO API, as the users' apps would. Idempotent: seed users are found by email and their
// history is keyed by import id, so running it twice changes nothing.
//
//   node scripts/seed.mjs [--users 20] [--months 4] [--sessions 3] [--profile dev] [--seed 42]
import { parseArgs } from 'node:util';
import ProgressBar from 'progress';
import { io } from 'socket.io-client';
import { internalClient } from './internal-grpc.mjs';
import { PROFILES, stackEnv } from './stack.mjs';

const DAY_MS = 86_400_000;
const PASSWORD = 'seed-password-1';

/** Workout types with a typical duration range in minutes (the activity service's MET table). */
const TYPES = {
  running: [20, 75],
  cycling: [30, 120],
  swimming: [20, 60],
  walking: [20, 90],
  strength: [30, 70],
  hiit: [15, 40],
  yoga: [20, 60],
  rowing: [20, 50],
  hiking: [60, 240],
};
const NAMES = ['ada', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lou'];

function options() {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '20' },
      months: { type: 'string', default: '4' },
      sessions: { type: 'string', default: '3' },
      profile: { type: 'string', default: 'dev' },
      seed: { type: 'string', default: '42' },
    },
  });
  const int = (name, min, max) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max} (got ${values[name]})`);
    }
    return n;
  };
  if (!Object.hasOwn(PROFILES, values.profile)) {
    throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  }
  return {
    users: int('users', 1, 10_000),
    months: int('months', 1, 36),
    sessions: int('sessions', 0, 100),
    profile: values.profile,
    seed: int('seed', 0, 2 ** 31 - 1),
  };
}

/** A small deterministic generator (mulberry32): the same --seed gives the same data. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** A generator for one (seed, user, day): a user's day looks the same whenever the seed runs. */
function dayRandom(seed, n, day) {
  return random(Math.imul(seed ^ 0x9e3779b9, 31) ^ Math.imul(n + 1, 0x85ebca6b) ^ day);
}

/**
 * A user's history: two or three favourite types, a habit of a few workouts a week, mostly at
 * morning or evening hours, never in the future. Each day is drawn from its own generator, so a
 * later run over a window that moved on adds only the new days.
 */
function history(seed, n, months, now) {
  const rng = dayRandom(seed, n, -1);
  const favourites = [];
  while (favourites.length < 3) {
    const t = rng.pick(Object.keys(TYPES));
    if (!favourites.includes(t)) favourites.push(t);
  }
  const perWeek = rng.int(1, 5);
  const workouts = [];
  const first = Math.floor((now - months * 30 * DAY_MS) / DAY_MS);
  for (let day = first; day * DAY_MS < now; day++) {
    const d = dayRandom(seed, n, day);
    if (d.next() > perWeek / 7) continue;
    const type = d.next() < 0.6 ? favourites[0] : d.pick(favourites);
    const [lo, hi] = TYPES[type];
    const minutes = d.int(lo, hi);
    const hour = d.next() < 0.5 ? d.int(6, 9) : d.int(17, 21);
    const end = day * DAY_MS + hour * 3_600_000 + d.int(0, 59) * 60_000;
    if (end > now - 60_000) continue;
    workouts.push({
      import_id: `seed-${new Date(end).toISOString()}`,
      workout_type: type,
      start_time: new Date(end - minutes * 60_000).toISOString(),
      end_time: new Date(end).toISOString(),
    });
  }
  return workouts;
}

function inDays(now, days) {
  return new Date(now + days * DAY_MS).toISOString().slice(0, 10);
}

/** Registers the seed user `n`, or logs in if an earlier run did. */
async function account(user, n) {
  const name = `${NAMES[n % NAMES.length]}_${String(n).padStart(4, '0')}`;
  const email = `seed-${n}@example.test`;
  try {
    await user.call('Register', { username: name, email, password: PASSWORD });
  } catch (err) {
    if (!/ALREADY_EXISTS/.test(err.message)) throw err;
  }
  const login = await user.call('Login', { email, password: PASSWORD });
  return { n, name, email, user_id: login.user_id, token: login.token };
}

/** Imports at most this many workouts per call (each is a few database writes). */
const IMPORT_CHUNK = 25;

async function seedProfile(user, rng, n) {
  const u = await account(user, n);
  await user.call('UpdateUser', {
    user_id: u.user_id,
    weight_kg: rng.int(52, 98),
    height_cm: rng.int(155, 195),
    leaderboard_visible: rng.next() < 0.6,
  });
  return u;
}

async function seedGoals(user, rng, u, now) {
  const existing = await user.call('ListGoals', { user_id: u.user_id });
  if (existing.items.length > 0) return;
  await user.call('CreateGoal', {
    user_id: u.user_id,
    goal_type: 'workouts',
    target_value: rng.int(8, 20),
    target_date: inDays(now, rng.int(14, 45)),
  });
  await user.call('CreateGoal', {
    user_id: u.user_id,
    goal_type: rng.pick(['duration_minutes', 'calories']),
    target_value: rng.pick([600, 1200, 3000, 5000]),
    target_date: inDays(now, rng.int(20, 60)),
  });
}

/** Waits for one acknowledged event; rejects on a refusal or after 10 s. */
async function emit(socket, event, payload) {
  const ack = await socket.timeout(10_000).emitWithAck(event, payload);
  if (!ack?.ok) {
    throw new Error(`${event} refused: ${JSON.stringify(ack?.error ?? ack)}`);
  }
  return ack;
}

function connect(base, token) {
  return new Promise((resolve, reject) => {
    const socket = io(base, { auth: { token }, transports: ['websocket'], reconnection: false });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no Socket.IO connection to ${base} within 10 s`));
    }, 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

/** A group session on the public API: one user creates it, three join, chat, train, and it ends. */
async function seedSession(gateways, rng, users, i) {
  const members = [];
  while (members.length < Math.min(4, users.length)) {
    const u = rng.pick(users);
    if (!members.includes(u)) members.push(u);
  }
  const sockets = await Promise.all(
    members.map((u, k) => connect(gateways[k % gateways.length], u.token)),
  );
  try {
    const type = rng.pick(['hiit', 'cycling', 'yoga', 'strength']);
    const created = await emit(sockets[0], 'create_group_session', {
      workout_type: type,
      name: `Seed session ${i + 1}: ${type}`,
    });
    const session_id = created.session_id;
    for (const [k, s] of sockets.entries()) {
      if (k > 0) await emit(s, 'join_group_session', { user_id: members[k].user_id, session_id });
    }
    const lines = ['Ready?', 'Let us go!', 'Halfway there', 'Last round', 'Great session!'];
    for (const [k, s] of sockets.entries()) {
      await emit(s, 'send_message', {
        user_id: members[k].user_id,
        session_id,
        message: lines[k % lines.length],
      });
      await emit(s, 'exercise_update', {
        session_id,
        exercise: 'push-ups',
        value: rng.int(10, 40),
        unit: 'reps',
      });
    }
    await emit(sockets[0], 'end_group_session', { session_id });
    return session_id;
  } finally {
    for (const s of sockets) s.close();
  }
}

/** A progress bar on a terminal, a line per tenth of the work otherwise (CI logs). */
function progress(label, total) {
  if (process.stderr.isTTY) {
    const bar = new ProgressBar(`${label} [:bar] :current/:total :percent :etas`, {
      total,
      width: 30,
      stream: process.stderr,
    });
    return () => bar.tick();
  }
  let done = 0;
  return () => {
    done++;
    if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
      process.stderr.write(`${label}: ${done}/${total}\n`);
    }
  };
}

async function main() {
  const opts = options();
  const p = PROFILES[opts.profile];
  const secret = stackEnv(opts.profile).INTERNAL_TOKEN_SECRET;
  const clients = {
    user: internalClient('user', `127.0.0.1:${p.user[0].grpc}`, secret),
    activity: p.activity.map((a) => internalClient('activity', `127.0.0.1:${a.grpc}`, secret)),
  };
  const gateways = p.gateway.map((port) => `http://127.0.0.1:${port}`);
  const rng = random(opts.seed);
  const now = Date.now();
  const started = performance.now();
  try {
    const users = [];
    const tickUser = progress('users and goals', opts.users);
    for (let n = 0; n < opts.users; n++) {
      const u = await seedProfile(clients.user, rng, n);
      await seedGoals(clients.user, rng, u, now);
      users.push({ ...u, history: history(opts.seed, n, opts.months, now) });
      tickUser();
    }
    const chunks = users.flatMap((u) =>
      Array.from({ length: Math.ceil(u.history.length / IMPORT_CHUNK) }, (_, i) => ({
        user_id: u.user_id,
        workouts: u.history.slice(i * IMPORT_CHUNK, (i + 1) * IMPORT_CHUNK),
      })),
    );
    const workouts = chunks.reduce((sum, c) => sum + c.workouts.length, 0);
    const tickWorkouts = progress(`workouts (${workouts})`, chunks.length);
    let imported = 0;
    for (const [i, chunk] of chunks.entries()) {
      // Alternate the two activity instances, as the gateway's balancing would.
      const res = await clients.activity[i % 2].call('ImportWorkouts', chunk, 60_000);
      imported += res.imported;
      tickWorkouts();
    }
    const tickSession = opts.sessions > 0 ? progress('group sessions', opts.sessions) : () => {};
    for (let i = 0; i < opts.sessions && users.length > 1; i++) {
      await seedSession(gateways, rng, users, i);
      tickSession();
    }
    console.log(
      `seeded ${users.length} users (password ${PASSWORD}, e.g. ${users[0].email}), ` +
        `${workouts} workouts over ${opts.months} months (${imported} new), ` +
        `${opts.sessions} group sessions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    clients.user.close();
    for (const a of clients.activity) a.close();
  }
}

main().catch((err) => {
  console.error(`seed failed: ${err.message}`);
  console.error('Is the system running? Start it with `make up`.');
  process.exit(1);
});
