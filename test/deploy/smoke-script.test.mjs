// The chart's `helm test` script (charts/fitness-tracker/files/smoke-test.mjs),
// run for real against an in-process stub of the gateway's REST + Engine.IO
// polling surface: it passes on a correct gateway and names the failing step
// otherwise. (The real gateway is exercised by the system tests, not here.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { CHART_DIR } from './lib.mjs';

const SCRIPT = join(CHART_DIR, 'files/smoke-test.mjs');

/** A stub gateway; `faults` breaks one behaviour at a time. */
function stubGateway(faults = {}) {
  const users = new Map();
  const workouts = new Map();
  const sessions = new Map();
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
    const text = (status, body) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=UTF-8' });
      res.end(body);
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
    if (
      url.pathname === '/socket.io/' &&
      url.searchParams.get('EIO') === '4' &&
      url.searchParams.get('transport') === 'polling'
    ) {
      const sid = url.searchParams.get('sid');
      if (!sid && req.method === 'GET') {
        const s = { sid: id('sid'), queue: [] };
        sessions.set(s.sid, s);
        return text(
          200,
          `0${JSON.stringify({ sid: s.sid, upgrades: ['websocket'], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 })}`,
        );
      }
      const s = sessions.get(sid);
      if (!s) return json(400, { code: 1, message: 'Session ID unknown' });
      if (req.method === 'POST') {
        for (const packet of raw.split('\x1e')) {
          if (!packet.startsWith('40')) continue;
          const { token: t } = JSON.parse(packet.slice(2) || '{}');
          const ok =
            !faults.refuseSocket && [...users.values()].some((u) => `token-${u.user_id}` === t);
          s.queue.push(
            ok ? `40${JSON.stringify({ sid: id('s') })}` : '44{"message":"invalid token"}',
          );
        }
        return text(200, 'ok');
      }
      return text(200, s.queue.splice(0).join('\x1e') || '2');
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `${req.method} ${url.pathname}` } });
  });
  return server;
}

async function runSmoke(faults) {
  const server = stubGateway(faults);
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
    server.close();
  }
}

describe('helm test smoke script', () => {
  it('passes against a gateway that behaves as the contract says', async () => {
    const { code, output } = await runSmoke();
    assert.equal(code, 0, output);
    for (const step of [
      'register',
      'login',
      'create goal',
      'start workout',
      'end workout',
      'statistics',
    ]) {
      assert.match(output, new RegExp(`ok - ${step} `), `step ${step} ran`);
    }
    assert.match(output, /ok - socket.io authenticated connection/);
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
