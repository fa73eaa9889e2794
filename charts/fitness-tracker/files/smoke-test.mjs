// Smoke test of a running gateway: the product's main flow, end to end, through the project's own
// typed client (@fitness/client: REST on openapi-fetch, Socket.IO on socket.io-client).
// Run by `helm test` (templates/tests/test-smoke.yaml) with the gateway image's node from /app,
// where the image carries the built client (libs/client/dist, linked as
// node_modules/@fitness/client, with its runtime dependencies: the gateway depends on it).
// Also runnable by hand from a built checkout (make build):
//   GATEWAY_URL=http://127.0.0.1:3000 node charts/fitness-tracker/files/smoke-test.mjs
// Exits non-zero, naming the step, on the first failure.
import {
  connectRealtime,
  createApiClient,
  expectAck,
  expectStatus,
  whenConnected,
} from '@fitness/client';

const base = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? 10000);
const readyWaitMs = Number(process.env.SMOKE_READY_WAIT_MS ?? 120000);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const client = (token) => createApiClient({ baseUrl: base, token, timeoutMs });

class SmokeFailure extends Error {}

/** One REST step: the call must answer `status`; its body is returned. */
async function step(name, call, status) {
  try {
    const body = await expectStatus(call, status, name);
    console.log(`ok - ${name} (${status})`);
    return body;
  } catch (err) {
    throw new SmokeFailure(err.cause ? `${name}: ${err.cause.code ?? err.message}` : err.message);
  }
}

function expectFields(name, body, checks) {
  if (body === null || typeof body !== 'object') {
    throw new SmokeFailure(`${name}: expected a JSON object, got ${JSON.stringify(body)}`);
  }
  for (const [field, check] of Object.entries(checks)) {
    if (!check(body[field])) {
      throw new SmokeFailure(
        `${name}: unexpected ${field}=${JSON.stringify(body[field])} in ${JSON.stringify(body)}`,
      );
    }
  }
}

const isNonEmptyString = (v) => typeof v === 'string' && v.length > 0;
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const isIsoTime = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

async function waitUntilReady() {
  const deadline = Date.now() + readyWaitMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      // /readyz is outside the API's document: called by path.
      const { response } = await client().GET('/readyz', { parseAs: 'text' });
      if (response.status === 200) {
        console.log('ok - gateway ready (GET /readyz -> 200)');
        return;
      }
      last = `${response.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(2000);
  }
  throw new SmokeFailure(`gateway not ready after ${readyWaitMs} ms: ${last}`);
}

/** Resolves with the first server event `event` that satisfies `match`, within the timeout. */
function nextEvent(socket, event, match) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new SmokeFailure(`socket.io: no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload) => {
      if (match(payload)) {
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      }
    };
    socket.on(event, listener);
  });
}

/** WebSocket only: one connection, so no sticky sessions are needed in front of the replicas. */
async function groupSession(userId, token) {
  const socket = connectRealtime(base, token, { reconnection: false, timeout: timeoutMs });
  try {
    try {
      await whenConnected(socket);
    } catch (err) {
      throw new SmokeFailure(`socket.io connect refused: ${err.message}`);
    }
    console.log('ok - socket.io authenticated connection');
    const emit = async (event, payload) => {
      try {
        return expectAck(event, await socket.timeout(timeoutMs).emitWithAck(event, payload));
      } catch (err) {
        throw new SmokeFailure(`socket.io ${err.message}`);
      }
    };
    const { session_id } = await emit('create_group_session', {
      workout_type: 'hiit',
      name: 'smoke test',
    });
    const echoed = nextEvent(
      socket,
      'group_update',
      (u) => u.session_id === session_id && u.update_type === 'message',
    );
    await emit('send_message', { user_id: userId, session_id, message: 'smoke' });
    const update = await echoed;
    expectFields('group_update', update.data, {
      user_id: (v) => v === userId,
      message: (v) => v === 'smoke',
      sent_at: isIsoTime,
    });
    await emit('end_group_session', { session_id });
    console.log('ok - group session: created, chat message relayed, ended');
  } finally {
    socket.disconnect();
  }
}

async function main() {
  console.log(`# smoke test against ${base}`);
  await waitUntilReady();

  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `smoke_${suffix}`;
  const email = `${username}@example.com`;
  const password = `Sm0ke-${Math.random().toString(36).slice(2)}A!`;

  const registered = await step(
    'register',
    client().POST('/users/register', { body: { username, email, password } }),
    201,
  );
  expectFields('register', registered, {
    user_id: isNonEmptyString,
    username: (v) => v === username,
    email: (v) => v === email,
  });
  const userId = registered.user_id;

  const login = await step(
    'login',
    client().POST('/users/login', { body: { email, password } }),
    200,
  );
  expectFields('login', login, { token: isNonEmptyString, user_id: (v) => v === userId });
  const api = client(login.token);
  const asUser = { params: { path: { user_id: userId } } };

  const profile = await step('profile', api.GET('/users/{user_id}', asUser), 200);
  expectFields('profile', profile, {
    user_id: (v) => v === userId,
    username: (v) => v === username,
    email: (v) => v === email,
  });

  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const goal = await step(
    'create goal',
    api.POST('/users/{user_id}/goals', {
      ...asUser,
      body: { goal_type: 'workouts', target_value: 1, target_date: tomorrow },
    }),
    201,
  );
  expectFields('create goal', goal, {
    goal_id: isNonEmptyString,
    goal_type: (v) => v === 'workouts',
    target_value: (v) => v === 1,
    target_date: isNonEmptyString,
    current_progress: isNumber,
  });

  const started = await step(
    'start workout',
    api.POST('/workouts/start', { body: { user_id: userId, workout_type: 'running' } }),
    201,
  );
  expectFields('start workout', started, { session_id: isNonEmptyString, start_time: isIsoTime });

  await sleep(1100);
  const ended = await step(
    'end workout',
    api.POST('/workouts/{session_id}/end', {
      params: { path: { session_id: started.session_id } },
      body: { end_time: new Date().toISOString() },
    }),
    200,
  );
  expectFields('end workout', ended, {
    session_id: (v) => v === started.session_id,
    duration: (v) => isNumber(v) && v > 0,
    calories_burned: (v) => isNumber(v) && v > 0,
  });

  const stats = await step('statistics', api.GET('/users/{user_id}/statistics', asUser), 200);
  expectFields('statistics', stats, {
    total_workouts: (v) => v === 1,
    total_duration: isNumber,
    total_calories_burned: isNumber,
    average_session_duration: isNumber,
  });

  await groupSession(userId, login.token);
  console.log('# smoke test passed');
}

main().then(
  // socket.io-client may keep timers alive a moment after the disconnect.
  () => process.exit(0),
  (err) => {
    console.error(`not ok - ${err instanceof SmokeFailure ? err.message : err.stack}`);
    process.exit(1);
  },
);
