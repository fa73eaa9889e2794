// The chart's `helm test` script (charts/fitness-tracker/files/smoke-test.mjs),
// run for real against an in-process stub of the gateway's REST surface and a
// Socket.IO server (the gateway's own socket.io): it passes on a correct
// gateway and names the failing step otherwise. (The real gateway is exercised
// by the system tests, not here.) The script imports the built @fitness/client,
// as it does in the gateway image: `make test-deploy` builds it first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHART_DIR, ROOT } from './lib.mjs';

const SCRIPT = join(CHART_DIR, 'files/smoke-test.mjs');
// The gateway's Socket.IO server library, the one the real gateway answers with.
const { Server: SocketIoServer } = createRequire(join(ROOT, 'services/gateway/package.json'))(
  'socket.io',
);

/** A stub gateway; `faults` breaks one behaviour at a time. */
function stubGateway(faults = {}) {
  const users = new Map();
  const workouts = new Map();
  let counter = 0;
  const id = (p) => `${p}-${++counter}`;
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url, 'http://stub');
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const body =
      raw && req.headers['content-type']?.startsWith('application/json')
        ? JSON.parse(raw)
        : undefined;
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const authed = [...users.values()].find((u) => `token-${u.user_id}` === token);
    const unauthorized = () =>
      json(401, { error: { code: 'UNAUTHENTICATED', message: 'bad token' } });
    let m;
    if (req.method === 'GET' && url.pathname === '/readyz')
      return json(faults.notReady ? 503 : 200, { status: 'ok' });
    if (req.method === 'POST' && url.pathname === '/users/register') {
      const user = {
        user_id: id('u'),
        username: body.username,
        email: body.email,
        password: body.password,
      };
      users.set(user.email, user);
      return json(201, { user_id: user.user_id, username: user.username, email: user.email });
    }
    if (req.method === 'POST' && url.pathname === '/users/login') {
      const user = users.get(body?.email);
      if (!user || user.password !== body.password) return unauthorized();
      return json(200, { token: `token-${user.user_id}`, user_id: user.user_id });
    }
    if (req.method === 'GET' && (m = url.pathname.match(/^\/users\/([^/]+)$/))) {
      if (!authed) return unauthorized();
      if (authed.user_id !== m[1])
        return json(403, { error: { code: 'PERMISSION_DENIED', message: 'not yours' } });
      return json(200, { user_id: authed.user_id, username: authed.username, email: authed.email });
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/users\/([^/]+)\/goals$/))) {
      if (!authed) return unauthorized();
      if (authed.user_id !== m[1])
        return json(403, { error: { code: 'PERMISSION_DENIED', message: 'not yours' } });
      if (!/^\d{4}-\d{2}-\d{2}/.test(body.target_date))
        return json(400, { error: { code: 'INVALID_ARGUMENT', message: 'target_date' } });
      return json(201, { goal_id: id('g'), ...body, current_progress: 0 });
    }
    if (req.method === 'POST' && url.pathname === '/workouts/start') {
      if (!authed) return unauthorized();
      const w = {
        session_id: id('w'),
        user_id: body.user_id,
        start_time: new Date().toISOString(),
      };
      workouts.set(w.session_id, w);
      return json(201, { session_id: w.session_id, start_time: w.start_time });
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/workouts\/([^/]+)\/end$/))) {
      if (!authed) return unauthorized();
      const w = workouts.get(m[1]);
      const duration =
        Math.round((Date.parse(body.end_time) - Date.parse(w.start_time)) / 10) / 100;
      w.duration = duration;
      return json(200, {
        session_id: w.session_id,
        duration,
        calories_burned: Math.round(duration * 19.06) / 100,
      });
    }
    if (req.method === 'GET' && (m = url.pathname.match(/^\/users\/([^/]+)\/statistics$/))) {
      if (!authed) return unauthorized();
      const done = [...workouts.values()].filter(
        (w) => w.user_id === m[1] && w.duration !== undefined,
      );
      const total = done.reduce((s, w) => s + w.duration, 0);
      return json(200, {
        total_workouts: faults.wrongStatistics ? 0 : done.length,
        total_duration: total,
        total_calories_burned: total * 0.19,
        average_session_duration: done.length ? total / done.length : 0,
      });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `${req.method} ${url.pathname}` } });
  });
  const io = new SocketIoServer(server, { transports: ['websocket'] });
  io.use((socket, next) => {
    const t = socket.handshake.auth?.token;
    const ok = !faults.refuseSocket && [...users.values()].some((u) => `token-${u.user_id}` === t);
    next(ok ? undefined : new Error('unauthorized: invalid token'));
  });
  io.on('connection', (socket) => {
    socket.on('create_group_session', (payload, ack) => {
      const session_id = id('gs');
      void socket.join(session_id);
      ack({ ok: true, session_id, session: { session_id, ...payload } });
    });
    socket.on('send_message', ({ user_id, session_id, message }, ack) => {
      const sent_at = new Date().toISOString();
      if (!faults.noRelay) {
        io.to(session_id).emit('group_update', {
          session_id,
          update_type: 'message',
          data: { user_id, username: 'smoke', message, sent_at },
        });
      }
      ack({ ok: true, sent_at });
    });
    socket.on('end_group_session', (_payload, ack) =>
      ack({ ok: true, ended_at: new Date().toISOString() }),
    );
  });
  return { server, io };
}

async function runSmoke(faults) {
  assert.ok(
    existsSync(join(ROOT, 'libs/client/dist/index.js')),
    'the smoke script imports the built @fitness/client: run make build',
  );
  const { server, io } = stubGateway(faults);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const child = spawn(process.execPath, [SCRIPT], {
      env: {
        ...process.env,
        GATEWAY_URL: `http://127.0.0.1:${server.address().port}`,
        SMOKE_TIMEOUT_MS: '3000',
        SMOKE_READY_WAIT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code] = await once(child, 'exit');
    clearTimeout(timer);
    return { code, output };
  } finally {
    await io.close();
  }
}

describe('helm test smoke script', () => {
  it('passes against a gateway that behaves as the contract says', async () => {
    const { code, output } = await runSmoke();
    assert.equal(code, 0, output);
    for (const step of [
      'register',
      'login',
      'profile',
      'create goal',
      'start workout',
      'end workout',
      'statistics',
    ]) {
      assert.match(output, new RegExp(`ok - ${step} `), `step ${step} ran`);
    }
    assert.match(output, /ok - socket.io authenticated connection/);
    assert.match(output, /ok - group session: created, chat message relayed, ended/);
  });

  it('fails, naming the event, when a chat message is not relayed to the session', async () => {
    const { code, output } = await runSmoke({ noRelay: true });
    assert.notEqual(code, 0);
    assert.match(output, /not ok - socket.io: no group_update within 3000 ms/);
  });

  it('fails, naming the step, when statistics do not count the workout', async () => {
    const { code, output } = await runSmoke({ wrongStatistics: true });
    assert.notEqual(code, 0);
    assert.match(output, /not ok - statistics: unexpected total_workouts=0/);
  });

  it('fails when the Socket.IO connection is refused', async () => {
    const { code, output } = await runSmoke({ refuseSocket: true });
    assert.notEqual(code, 0);
    assert.match(output, /not ok - socket.io connect refused/);
  });

  it('fails when the gateway never becomes ready', async () => {
    const { code, output } = await runSmoke({ notReady: true });
    assert.notEqual(code, 0);
    assert.match(output, /not ok - gateway not ready/);
  });
});
