// Light, bounded load against the gateway for make test-cluster's rolling restarts: a user is
// registered, then authenticated GET /users/{id} (gateway -> user) and GET /users/{id}/statistics
// (gateway -> activity) alternate at RATE requests per second, each on a new connection (so every
// request goes through the Service's current endpoints, as a fresh client's would), until
// the file STOP_FILE exists or MAX_SECONDS pass. Prints a JSON summary; exits 1 when any request
// failed (status other than 200, or a network error). Bounded in count and time.
//   GATEWAY_URL=http://10.96.x.y:3000 STOP_FILE=/tmp/stop node test/cluster/load.mjs
import { existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';

const base = new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000');
const rate = Number(process.env.RATE ?? 10);
const maxSeconds = Number(process.env.MAX_SECONDS ?? 300);
const maxRequests = Number(process.env.MAX_REQUESTS ?? rate * maxSeconds);
const stopFile = process.env.STOP_FILE;
const readyFile = process.env.READY_FILE;

function request(method, path, { token, body } = {}) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent: false,
        timeout: 10_000,
        headers: {
          connection: 'close',
          ...(data
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
        res.on('error', (err) => resolve({ status: 0, text: String(err) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, text: err.code ?? String(err) }));
    req.end(data);
  });
}

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = `load_${suffix}@example.com`;
const password = `L0ad-${suffix}-pass!`;
const reg = await request('POST', '/users/register', {
  body: { username: `load_${suffix}`, email, password },
});
if (reg.status !== 201) {
  console.error(`load: register answered ${reg.status}: ${reg.text.slice(0, 300)}`);
  process.exit(1);
}
const login = await request('POST', '/users/login', { body: { email, password } });
if (login.status !== 200) {
  console.error(`load: login answered ${login.status}: ${login.text.slice(0, 300)}`);
  process.exit(1);
}
const { token, user_id: userId } = JSON.parse(login.text);
const paths = [`/users/${userId}`, `/users/${userId}/statistics`];

const started = Date.now();
let sent = 0;
const failures = [];
const statuses = {};
const latencies = [];
const inflight = new Set();
if (readyFile) writeFileSync(readyFile, 'ready\n');
while (sent < maxRequests && Date.now() - started < maxSeconds * 1000) {
  if (stopFile && existsSync(stopFile)) break;
  const path = paths[sent % paths.length];
  const t = Date.now();
  const p = request('GET', path, { token }).then((r) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    latencies.push(Date.now() - t);
    if (r.status !== 200)
      failures.push({
        at: new Date(t).toISOString(),
        path,
        status: r.status,
        text: r.text.slice(0, 200),
      });
  });
  inflight.add(p);
  p.finally(() => inflight.delete(p));
  sent += 1;
  await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
}
await Promise.all(inflight);
latencies.sort((a, b) => a - b);
const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  JSON.stringify({
    requests: sent,
    seconds: Math.round((Date.now() - started) / 1000),
    statuses,
    failed: failures.length,
    p50_ms: pct(0.5),
    p99_ms: pct(0.99),
    max_ms: latencies.at(-1) ?? 0,
    failures: failures.slice(0, 10),
  }),
);
process.exit(failures.length === 0 && sent > 0 ? 0 : 1);
