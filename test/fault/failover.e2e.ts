import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  ACTIVITY_METRICS,
  DEADLINE_MS,
  GATEWAYS,
  ensureRunning,
  USER_METRICS,
  metric,
  newSession,
  inAYear,
  percentile,
  restart,
  round,
  stop,
  type FaultSession,
  type Hit,
  createGoal,
  getGoals,
  getStatistics,
  getWorkouts,
} from './support/fault.js';

jest.setTimeout(90_000);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const WORKERS = 6;
const MAX_REQUESTS = 30_000;
const MAX_LOAD_MS = 30_000;

/** Reads that reach the services: goals (user), statistics and workouts (activity). */
const READS: [string, (base: string, s: FaultSession) => Promise<Hit>][] = [
  ['GET goals', getGoals],
  ['GET statistics', getStatistics],
  ['GET workouts?limit=5', (base, s) => getWorkouts(base, s, 5)],
];

async function handled(url: string): Promise<number> {
  return metric(url, 'grpc_server_handled_total');
}

describe('instance failover under load (scenario 1)', () => {
  afterAll(async () => {
    await ensureRunning('user-1', 'activity-1');
  });

  it('should keep every read answering while one user and one activity instance are killed', async () => {
    const sessions = await Promise.all([0, 1, 2].map((i) => newSession(GATEWAYS[i % 2])));
    for (const s of sessions) {
      const goal = await createGoal(GATEWAYS[0], s, {
        goal_type: 'workouts',
        target_value: 5,
        target_date: inAYear(),
      });
      expect(goal.status).toBe(201);
    }

    const results: (Hit & { path: string })[] = [];
    let running = true;
    const startedAt = Date.now();
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; running && results.length < MAX_REQUESTS; i++) {
        if (Date.now() - startedAt > MAX_LOAD_MS) {
          break;
        }
        const s = sessions[(w + i) % sessions.length];
        const [path, read] = READS[i % READS.length];
        const res = await read(GATEWAYS[(w + i) % 2], s);
        results.push({ ...res, path });
      }
    };
    // Writes are not retried (not idempotent): one in flight on a killed instance may fail, but
    // only as a clean 503, never a 500 or a hang.
    const writes: Hit[] = [];
    const writer = async (): Promise<void> => {
      for (let i = 0; running && writes.length < 2000; i++) {
        if (Date.now() - startedAt > MAX_LOAD_MS) {
          break;
        }
        const s = sessions[i % sessions.length];
        writes.push(
          await createGoal(GATEWAYS[i % 2], s, {
            goal_type: 'calories',
            target_value: 100 + i,
            target_date: inAYear(),
          }),
        );
        await sleep(20);
      }
    };
    const workers = [...Array.from({ length: WORKERS }, (_, w) => worker(w)), writer()];

    await sleep(1500);
    const killedAt = results.length;
    await Promise.all([stop('user-1', 'SIGKILL'), stop('activity-1', 'SIGKILL')]);
    await sleep(2000);
    const restartStarted = Date.now();
    await Promise.all([restart('user-1'), restart('activity-1')]);
    const restartMs = Date.now() - restartStarted;
    // Give the gateways' channels their reconnect backoff (≤ 2 s), then watch every instance.
    await sleep(2500);
    const urls = [...USER_METRICS, ...ACTIVITY_METRICS];
    const before = await Promise.all(urls.map(handled));
    await sleep(2000);
    const after = await Promise.all(urls.map(handled));
    running = false;
    await Promise.all(workers);

    const ok = results.filter((r) => r.status === 200);
    const failed = results.filter((r) => r.status !== 200);
    const latencies = results.map((r) => r.ms);
    const successPct = (100 * ok.length) / results.length;
    const deltas = after.map((n, i) => n - (before[i] ?? 0));
    console.log(
      `[scenario 1] ${results.length} reads through both gateways (${WORKERS} workers, ` +
        `${round((Date.now() - startedAt) / 1000)} s), SIGKILL of user-1 + activity-1 after ` +
        `${killedAt} reads, restarted in ${restartMs} ms: ${ok.length} OK = ${round(successPct, 3)} %, ` +
        `p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, ` +
        `max ${round(Math.max(...latencies))} ms (deadline ${DEADLINE_MS} ms); ` +
        `calls handled per instance in the last 2 s (user-1, user-2, activity-1, activity-2): ${deltas.join(', ')}`,
    );
    const writeCodes = new Map<string, number>();
    for (const w of writes) {
      const key = String(w.status || w.error);
      writeCodes.set(key, (writeCodes.get(key) ?? 0) + 1);
    }
    console.log(
      `[scenario 1] ${writes.length} goal writes meanwhile: ${[...writeCodes]
        .map(([k, n]) => `${n}× ${k}`)
        .join(', ')}; max ${round(Math.max(...writes.map((w) => w.ms)))} ms`,
    );
    if (failed.length > 0) {
      console.log(
        `[scenario 1] failures: ${failed
          .slice(0, 10)
          .map((f) => `${f.path} → ${f.status || f.error} (${round(f.ms)} ms)`)
          .join('; ')}`,
      );
    }
    expect(results.length).toBeGreaterThan(1000);
    expect(successPct).toBeGreaterThanOrEqual(99.9);
    expect(Math.max(...latencies)).toBeLessThan(DEADLINE_MS);
    expect(results.filter((r) => r.status === 504)).toHaveLength(0);
    for (const w of writes) {
      expect([201, 503]).toContain(w.status);
      expect(w.ms).toBeLessThan(DEADLINE_MS);
    }
    // Both instances of each service take traffic again after the restart.
    for (const d of deltas) {
      expect(d).toBeGreaterThan(0);
    }
  });
});
