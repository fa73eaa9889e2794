import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { Counter, Gauge } from 'prom-client';
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  PollLoop,
  errorMessage,
  grpcCodeName,
  isGrpcCallError,
  type ActivityUpstream,
} from '@fitness/common';
import type { FinishedSession } from '../group-session/group-session.model.js';
import { DEAD_LETTER_KEY, OutboxStore, type OutboxItem } from './outbox.store.js';

const BATCH = 20;
const tracer = trace.getTracer('fitness-gateway');
/** Long enough for one delivery (a gRPC deadline and a few retries); then another replica may. */
const LEASE_MS = 30_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 5 * 60_000;
/** Refusals no retry can change: the record goes to the dead letters at once. */
const NOT_RETRYABLE: ReadonlySet<status> = new Set([
  status.INVALID_ARGUMENT,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.RESOURCE_EXHAUSTED,
  status.UNIMPLEMENTED,
]);

const deliveries = new Counter({
  name: 'group_session_outbox_deliveries_total',
  help: 'Delivery attempts of finished group sessions, by result (saved, duplicate, retry, dead)',
  labelNames: ['result'] as const,
});
const deadLetters = new Counter({
  name: 'group_session_outbox_dead_letters_total',
  help: 'Finished group sessions set aside as undeliverable, by reason (gRPC code or cause)',
  labelNames: ['reason'] as const,
});
const depth = new Gauge({
  name: 'group_session_outbox_depth',
  help: 'Finished group sessions waiting for the activity service (seen by this replica)',
});
const deadDepth = new Gauge({
  name: 'group_session_outbox_dead_letters',
  help: 'Finished group sessions in the dead letters (seen by this replica)',
});

/** grpc-js reports a request it cannot serialise as INTERNAL, before anything is sent. */
function isSerializationFailure(err: { code: status; details?: string }): boolean {
  return err.code === status.INTERNAL && /serialization failure/i.test(err.details ?? '');
}

/** Delay before attempt n+1 after n failures: exponential from 1 s, at most 5 min, jittered. */
export function retryDelayMs(failures: number, random = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random() / 2));
}

/**
 * Delivers finished group sessions from the Redis outbox to the activity service. An item leaves
 * the outbox only once the activity service stored it (SaveGroupSession is idempotent per session,
 * so a redelivery is harmless); every replica runs this loop and leases an item before trying it.
 * Each item has its own attempts and backoff: one the activity service cannot take right now
 * waits on its own; one it refuses for good (invalid, too large) goes to the dead letters with the
 * reason, logged and counted. None of them ever holds back the items behind it.
 */
@Injectable()
export class SessionOutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionOutboxService.name);
  private readonly loop = new PollLoop(() => this.round(), {
    name: SessionOutboxService.name,
    intervalMs: 1000,
    minBackoffMs: 500,
    maxBackoffMs: 30_000,
  });

  constructor(
    private readonly outbox: OutboxStore,
    @InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const moved = await this.outbox.migrateV1(Date.now());
      if (moved > 0) {
        this.logger.log(`moved ${moved} record(s) of the first outbox into this one`);
      }
    } catch (err) {
      this.logger.warn(`first outbox not checked (Redis?): ${errorMessage(err)}`);
    }
    this.loop.start(500);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Try now (a session just ended) instead of waiting for the next round. */
  kick(): void {
    this.loop.kick();
  }

  /** One round: every item due now, each on its own. Throws only when Redis cannot be read. */
  async round(now = Date.now()): Promise<void> {
    const ids = await this.outbox.due(now, BATCH);
    for (const id of ids) {
      const item = await this.outbox.lease(id, now, LEASE_MS);
      if (item) {
        await this.deliver(item, now);
      }
    }
    depth.set(await this.outbox.depth());
    deadDepth.set(await this.outbox.deadLetters());
    if (ids.length === BATCH) {
      this.kick();
    }
  }

  private async deliver(item: OutboxItem, now: number): Promise<void> {
    let session: FinishedSession;
    try {
      session = JSON.parse(item.record) as FinishedSession;
    } catch {
      await this.setAside(item, 'UNREADABLE', 'the record is not JSON');
      return;
    }
    let created: boolean;
    try {
      created = await this.save(item, session);
    } catch (err) {
      await this.failed(item, err, now);
      return;
    }
    // Outside the try: a Redis failure here is no delivery failure. The round fails, the lease
    // runs out and the item is delivered again (SaveGroupSession is idempotent).
    await this.outbox.delivered(item.sessionId);
    deliveries.inc({ result: created ? 'saved' : 'duplicate' });
    this.logger.log(`group session ${item.sessionId} ${created ? 'saved' : 'was already saved'}`);
  }

  /** SaveGroupSession, as a part of the trace of the event that ended the session (if traced). */
  private save(item: OutboxItem, session: FinishedSession): Promise<boolean> {
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: item.traceparent });
    return context.with(parent, () =>
      tracer.startActiveSpan('deliver group session', async (span) => {
        try {
          return (await this.activity.call('SaveGroupSession', session)).created;
        } finally {
          span.end();
        }
      }),
    );
  }

  private async failed(item: OutboxItem, err: unknown, now: number): Promise<void> {
    if (!isGrpcCallError(err) || isSerializationFailure(err)) {
      // The client could not even send it (a record the contract cannot carry).
      await this.setAside(item, 'UNSENDABLE', errorMessage(err));
      return;
    }
    if (NOT_RETRYABLE.has(err.code)) {
      await this.setAside(item, grpcCodeName(err.code), err.details ?? '');
      return;
    }
    const wait = retryDelayMs(item.attempts + 1);
    await this.outbox.retryAt(item.sessionId, now + wait);
    deliveries.inc({ result: 'retry' });
    this.logger.warn(
      `group session ${item.sessionId} not delivered (attempt ${item.attempts + 1}, next in ${wait} ms): ${grpcCodeName(err.code)}`,
    );
  }

  private async setAside(item: OutboxItem, reason: string, detail: string): Promise<void> {
    await this.outbox.deadLetter(item, `${reason}: ${detail}`);
    deliveries.inc({ result: 'dead' });
    deadLetters.inc({ reason });
    this.logger.error(
      `group session ${item.sessionId} cannot be delivered (${reason}: ${detail}); kept in ${DEAD_LETTER_KEY}`,
    );
  }
}
