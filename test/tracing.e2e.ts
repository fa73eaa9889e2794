import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { expectAck, expectStatus } from '@fitness/client';
import { A, B, api, registerAndLogin, userPath } from './support/api.js';
import { collectedSpans, type CollectedSpan } from './support/otlp-collector.mjs';
import { closeAll, connect, startGroupSession, waitFor } from './support/realtime.js';

jest.setTimeout(60_000);

afterEach(() => closeAll());

const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;

/** The spans of one trace once every expected part has arrived (exports are batched). */
async function traceOf(
  find: (spans: CollectedSpan[]) => string | undefined,
  complete: (trace: CollectedSpan[]) => boolean,
): Promise<CollectedSpan[]> {
  let trace: CollectedSpan[] = [];
  await waitFor(
    'the whole trace at the collector',
    async () => {
      const spans = await collectedSpans();
      const traceId = find(spans);
      trace = spans.filter((s) => s.traceId === traceId);
      return traceId !== undefined && complete(trace);
    },
    15_000,
  );
  return trace;
}

const has =
  (service: string, test: (s: CollectedSpan) => boolean) =>
  (trace: CollectedSpan[]): boolean =>
    trace.some((s) => s.service === service && test(s));
const grpcServer = (method: string) => (s: CollectedSpan) =>
  s.kind === SPAN_KIND.SERVER && s.name.endsWith(`/${method}`);
// The semantic conventions' stable name, and the older one.
const database = (system: string) => (s: CollectedSpan) =>
  (s.attributes['db.system.name'] ?? s.attributes['db.system']) === system;

describe('traces across the services', () => {
  it('should follow a REST call from the gateway through gRPC into MongoDB and PostgreSQL', async () => {
    const s = await registerAndLogin();
    for (const [path, service, method, db] of [
      ['/users/{user_id}/statistics', 'activity', 'GetStatistics', 'mongodb'],
      ['/users/{user_id}/goals', 'user', 'ListGoals', 'postgresql'],
    ] as const) {
      const traceId = randomBytes(16).toString('hex');
      // The caller starts the trace (W3C traceparent); the gateway continues it.
      await expectStatus(
        api(B, s.token).GET(path, {
          ...userPath(s.user_id),
          headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
        }),
        200,
      );
      const trace = await traceOf(
        () => traceId,
        (t) =>
          has('gateway', (x) => x.kind === SPAN_KIND.SERVER)(t) &&
          has('gateway', (x) => x.kind === SPAN_KIND.CLIENT && x.name.endsWith(`/${method}`))(t) &&
          has(service, grpcServer(method))(t) &&
          has(service, database(db))(t),
      );
      // One trace, parent to child: every span but the caller's root has its parent in it.
      const ids = new Set(trace.map((x) => x.spanId));
      const orphans = trace.filter((x) => x.parentSpanId && !ids.has(x.parentSpanId));
      expect(orphans.map((x) => x.name)).toEqual([expect.stringMatching(/^GET|^HTTP|get$/i)]);
    }
  });

  it('should follow the end of a group session from its socket event to its storage', async () => {
    const alice = await registerAndLogin();
    const a = await connect(A, alice.token);
    const id = await startGroupSession(a, { workout_type: 'rowing' });
    expectAck('end_group_session', await a.emit('end_group_session', { session_id: id }));
    const trace = await traceOf(
      (spans) =>
        spans.find(
          (x) =>
            x.name === 'socket end_group_session' && x.attributes['enduser.id'] === alice.user_id,
        )?.traceId,
      (t) =>
        has('gateway', (x) => x.name === 'socket end_group_session')(t) &&
        has('gateway', database('redis'))(t) &&
        has('gateway', (x) => x.name === 'deliver group session')(t) &&
        has('activity', grpcServer('SaveGroupSession'))(t) &&
        has('activity', database('mongodb'))(t),
    );
    expect(new Set(trace.map((x) => x.service))).toEqual(new Set(['gateway', 'activity', 'user']));
  });
});
