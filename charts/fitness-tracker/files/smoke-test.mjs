// Smoke test of a running gateway: the product's main flow, end to end.
// Run by `helm test` (templates/tests/test-smoke.yaml) with the gateway
// image's node; also runnable by hand: GATEWAY_URL=http://127.0.0.1:3000 node smoke-test.mjs
// Exits non-zero, naming the step, on the first failure. No dependencies.

const base = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
// Without sticky sessions a polling session may hop pods: then only the handshake is checked.
const sticky = process.env.SOCKET_IO_STICKY !== 'false';
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? 10000);
const readyWaitMs = Number(process.env.SMOKE_READY_WAIT_MS ?? 120000);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class SmokeFailure extends Error {}

async function request(method, path, { body, token, raw = false, contentType } = {}) {
  const headers = { accept: raw ? '*/*' : 'application/json' };
  if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

async function step(name, method, path, expectStatus, options = {}) {
  let res;
  try {
    res = await request(method, path, options);
  } catch (err) {
    throw new SmokeFailure(`${name}: ${method} ${path} failed: ${err.cause?.code ?? err.message}`);
  }
  if (res.status !== expectStatus) {
    throw new SmokeFailure(
      `${name}: ${method} ${path} answered ${res.status}, expected ${expectStatus}: ${res.text.slice(0, 400)}`,
    );
  }
  console.log(`ok - ${name} (${method} ${path} -> ${res.status})`);
  return options.raw ? res.text : res.json;
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
      const res = await request('GET', '/readyz');
      if (res.status === 200) {
        console.log('ok - gateway ready (GET /readyz -> 200)');
        return;
      }
      last = `${res.status} ${res.text.slice(0, 200)}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(2000);
  }
  throw new SmokeFailure(`gateway not ready after ${readyWaitMs} ms: ${last}`);
}

// Engine.IO v4 over HTTP long-polling: open, then the Socket.IO CONNECT with the
// JWT in the auth payload, then read the server's answer (40 = connected, 44 = refused).
async function socketIoHandshake(token) {
  const path = '/socket.io/?EIO=4&transport=polling';
  const open = await step('socket.io open', 'GET', path, 200, { raw: true });
  if (!open.startsWith('0'))
    throw new SmokeFailure(`socket.io open: not an Engine.IO open packet: ${open.slice(0, 200)}`);
  const { sid } = JSON.parse(open.slice(1));
  if (!isNonEmptyString(sid))
    throw new SmokeFailure(`socket.io open: no sid in ${open.slice(0, 200)}`);
  if (!sticky) {
    console.log('# socket.io: no sticky sessions towards the gateway, CONNECT not attempted');
    return;
  }
  const sessionPath = `${path}&sid=${encodeURIComponent(sid)}`;
  await step('socket.io connect', 'POST', sessionPath, 200, {
    raw: true,
    body: `40${JSON.stringify({ token })}`,
    contentType: 'text/plain;charset=UTF-8',
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const packets = (await step('socket.io poll', 'GET', sessionPath, 200, { raw: true })).split(
      '\x1e',
    );
    for (const packet of packets) {
      if (packet.startsWith('40')) {
        console.log('ok - socket.io authenticated connection');
        return;
      }
      if (packet.startsWith('44'))
        throw new SmokeFailure(`socket.io connect refused: ${packet.slice(2, 300)}`);
    }
  }
  throw new SmokeFailure('socket.io connect: no CONNECT answer');
}

async function main() {
  console.log(`# smoke test against ${base}`);
  await waitUntilReady();

  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const username = `smoke_${suffix}`;
  const email = `${username}@example.com`;
  const password = `Sm0ke-${Math.random().toString(36).slice(2)}A!`;

  const registered = await step('register', 'POST', '/users/register', 201, {
    body: { username, email, password },
  });
  expectFields('register', registered, {
    user_id: isNonEmptyString,
    username: (v) => v === username,
    email: (v) => v === email,
  });
  const userId = registered.user_id;

  const login = await step('login', 'POST', '/users/login', 200, { body: { email, password } });
  expectFields('login', login, { token: isNonEmptyString, user_id: (v) => v === userId });
  const { token } = login;

  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const goal = await step(
    'create goal',
    'POST',
    `/users/${encodeURIComponent(userId)}/goals`,
    201,
    {
      token,
      body: { goal_type: 'workouts', target_value: 1, target_date: tomorrow },
    },
  );
  expectFields('create goal', goal, {
    goal_id: isNonEmptyString,
    goal_type: (v) => v === 'workouts',
    target_value: (v) => v === 1,
    target_date: isNonEmptyString,
    current_progress: isNumber,
  });

  const started = await step('start workout', 'POST', '/workouts/start', 201, {
    token,
    body: { user_id: userId, workout_type: 'running' },
  });
  expectFields('start workout', started, { session_id: isNonEmptyString, start_time: isIsoTime });

  await sleep(1100);
  const ended = await step(
    'end workout',
    'POST',
    `/workouts/${encodeURIComponent(started.session_id)}/end`,
    200,
    {
      token,
      body: { end_time: new Date().toISOString() },
    },
  );
  expectFields('end workout', ended, {
    session_id: (v) => v === started.session_id,
    duration: (v) => isNumber(v) && v > 0,
    calories_burned: (v) => isNumber(v) && v > 0,
  });

  const stats = await step(
    'statistics',
    'GET',
    `/users/${encodeURIComponent(userId)}/statistics`,
    200,
    { token },
  );
  expectFields('statistics', stats, {
    total_workouts: (v) => v === 1,
    total_duration: isNumber,
    total_calories_burned: isNumber,
    average_session_duration: isNumber,
  });

  await socketIoHandshake(token);
  console.log('# smoke test passed');
}

main().catch((err) => {
  console.error(`not ok - ${err instanceof SmokeFailure ? err.message : err.stack}`);
  process.exit(1);
});
