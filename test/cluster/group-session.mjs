// A group session that must survive pod deletions (make test-cluster): two users connect over
// Socket.IO (WebSocket, as @fitness/client does), A creates a session and B joins; the script
// writes READY_FILE and waits (bounded) for GO_FILE, while the harness deletes pods (gateway
// pods one by one, a user pod, an activity pod). Then both sockets must be connected again
// (socket.io-client reconnects), both rejoin the same session, whose state in Redis is intact
// (active, both members), A's chat message reaches B, and A ends it. Prints a JSON summary,
// exits 1 naming the failed step.
//   GATEWAY_URL=http://10.96.x.y:3000 READY_FILE=... GO_FILE=... node test/cluster/group-session.mjs
import { existsSync, writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const base = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const waitSeconds = Number(process.env.MAX_WAIT_SECONDS ?? 240);
const timeoutMs = 10_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fail = (msg) => {
  console.error(`group-session: FAIL ${msg}`);
  process.exit(1);
};

async function api(method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? JSON.parse(text) : null,
    retryAfter: Number(res.headers.get('retry-after')),
  };
}

/**
 * Repeats a call answered 502/503/504 (or not at all) after 2 s, or 429 after its Retry-After (the
 * earlier stages registered users from this same address too), at most 8 times within 60 s.
 */
async function settled(what, call) {
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    const res = await call().catch((err) => ({ status: 0, json: { error: String(err) } }));
    if (![0, 429, 502, 503, 504].includes(res.status) || attempt >= 8 || Date.now() > deadline) {
      return res;
    }
    const waitMs =
      res.status === 429 ? Math.min(Math.max(res.retryAfter || 1, 1), 30) * 1000 : 2000;
    console.log(
      `group-session: ${what} answered ${res.status}, repeating in ${waitMs} ms (attempt ${attempt})`,
    );
    await sleep(waitMs);
  }
}

async function user(tag) {
  const s = `${tag}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const creds = { email: `${s}@example.com`, password: `Gr0up-${s}-pass!` };
  // Setting up, not the property under test: right after the rolling restarts the fresh pods
  // may still be warming up (a 503/504), so each call is repeated a few times, bounded. A
  // registration that timed out but went through answers 409 when repeated: the user exists.
  const reg = await settled(`register ${tag}`, () =>
    api('POST', '/users/register', { username: s, ...creds }),
  );
  if (reg.status !== 201 && reg.status !== 409) {
    fail(`register ${tag}: ${reg.status} ${JSON.stringify(reg.json)}`);
  }
  const login = await settled(`login ${tag}`, () => api('POST', '/users/login', creds));
  if (login.status !== 200) fail(`login ${tag}: ${login.status}`);
  const socket = io(base, {
    transports: ['websocket'],
    auth: { token: login.json.token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
    timeout: timeoutMs,
  });
  const u = { tag, id: login.json.user_id, socket, disconnects: 0, shutdownHints: 0, messages: [] };
  socket.on('disconnect', (reason) => {
    u.disconnects += 1;
    // a gateway that shuts down disconnects its sockets itself: socket.io-client does not
    // reconnect after that reason by itself, a client (as @fitness/client users do) connects again
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 200);
  });
  socket.on('server_shutdown', () => (u.shutdownHints += 1));
  socket.on('group_update', (m) => u.messages.push(m));
  return u;
}

async function connected(u, ms) {
  const deadline = Date.now() + ms;
  while (!u.socket.connected && Date.now() < deadline) await sleep(100);
  if (!u.socket.connected) fail(`${u.tag}: socket not connected after ${ms} ms`);
}

async function emit(u, event, payload) {
  let ack;
  try {
    ack = await u.socket.timeout(timeoutMs).emitWithAck(event, payload);
  } catch (err) {
    fail(`${u.tag} ${event}: ${err.message}`);
  }
  if (!ack?.ok) fail(`${u.tag} ${event}: ${JSON.stringify(ack)}`);
  return ack;
}

const a = await user('ga');
const b = await user('gb');
await connected(a, 15_000);
await connected(b, 15_000);
const created = await emit(a, 'create_group_session', {
  workout_type: 'cycling',
  name: 'survives pod deletion',
});
const sessionId = created.session_id;
await emit(b, 'join_group_session', { user_id: b.id, session_id: sessionId });
console.log(
  `group-session: ${sessionId} created by ${a.id}, joined by ${b.id}; waiting for the pod deletions`,
);
if (process.env.READY_FILE) writeFileSync(process.env.READY_FILE, `${sessionId}\n`);

if (process.env.GO_FILE) {
  const deadline = Date.now() + waitSeconds * 1000;
  while (!existsSync(process.env.GO_FILE) && Date.now() < deadline) await sleep(200);
  if (!existsSync(process.env.GO_FILE)) fail(`no go after ${waitSeconds}s`);
}

// after the deletions: connected again (reconnection is automatic), rejoin, state intact
await connected(a, 60_000);
await connected(b, 60_000);
const joinedA = await emit(a, 'join_group_session', { user_id: a.id, session_id: sessionId });
const joinedB = await emit(b, 'join_group_session', { user_id: b.id, session_id: sessionId });
const state = joinedB.session;
if (state?.session_id !== sessionId || state.status !== 'active')
  fail(`session state after the deletions: ${JSON.stringify(state)}`);
const memberIds = new Set((state.members ?? []).map((m) => m.user_id));
if (!memberIds.has(a.id) || !memberIds.has(b.id))
  fail(`members after the deletions: ${JSON.stringify(state.members)}`);
if (joinedA.session?.session_id !== sessionId) fail('A rejoined another session');

const text = `still here ${Date.now()}`;
const before = b.messages.length;
await emit(a, 'send_message', { user_id: a.id, session_id: sessionId, message: text });
const deadline = Date.now() + timeoutMs;
while (
  !b.messages.slice(before).some((m) => m.update_type === 'message' && m.data?.message === text) &&
  Date.now() < deadline
)
  await sleep(100);
if (!b.messages.slice(before).some((m) => m.update_type === 'message' && m.data?.message === text))
  fail("A's message after the deletions did not reach B");
await emit(a, 'end_group_session', { session_id: sessionId });
console.log(
  JSON.stringify({
    session: sessionId,
    survived: true,
    disconnects: { a: a.disconnects, b: b.disconnects },
    server_shutdown_hints: { a: a.shutdownHints, b: b.shutdownHints },
    members_after: [...memberIds].length,
  }),
);
a.socket.disconnect();
b.socket.disconnect();
process.exit(0);
