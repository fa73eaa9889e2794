import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@fitness/common';

/** Finished sessions waiting for the activity service: session ids scored by when they are due. */
export const OUTBOX_KEY = 'gs:v2:outbox';
/** Their records (JSON, the SaveGroupSession request), by session id. */
export const OUTBOX_ITEMS_KEY = 'gs:v2:outbox:items';
/** The traceparent of the event that ended each session, so its delivery joins that trace. */
export const OUTBOX_TRACE_KEY = 'gs:v2:outbox:trace';
/** Failed delivery attempts so far, by session id. */
const ATTEMPTS_KEY = 'gs:v2:outbox:attempts';
/** Records no retry can deliver, with the reason: kept for a human, never silently dropped. */
export const DEAD_LETTER_KEY = 'gs:v2:outbox:dead';
/** The first outbox (a plain list of records), drained into this one at start-up. */
const V1_OUTBOX_KEY = 'gs:v1:outbox';
const V1_DEAD_LETTER_KEY = 'gs:v1:outbox:dead';

export interface OutboxItem {
  sessionId: string;
  /** The record as queued (JSON). */
  record: string;
  /** Failed attempts before this one. */
  attempts: number;
  /** W3C traceparent of the end of the session ('' when it was not traced). */
  traceparent: string;
}

export interface DeadLetter {
  session_id: string;
  reason: string;
  attempts: number;
  failed_at: string;
  record: string;
}

/** Takes a due item for `lease` ms, so that no other replica tries it meanwhile. */
const LEASE_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return false end
redis.call('ZADD', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
return { redis.call('HGET', KEYS[2], ARGV[1]) or '', redis.call('HGET', KEYS[3], ARGV[1]) or '0', redis.call('HGET', KEYS[4], ARGV[1]) or '' }`;

interface OutboxScripts {
  outboxLease(...keysAndArgs: (string | number)[]): Promise<[string, string, string] | null>;
}

/**
 * The Redis outbox of finished group sessions, shared by every replica: each item has its own
 * due time and attempt count, so one that keeps failing waits on its own and never holds back the
 * others. Items are written by SessionStore's end script.
 */
@Injectable()
export class OutboxStore {
  private readonly scripts: OutboxScripts;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    redis.defineCommand('outboxLease', { numberOfKeys: 4, lua: LEASE_SCRIPT });
    this.scripts = redis as unknown as OutboxScripts;
  }

  /** Session ids due now, oldest due first. */
  due(now: number, count: number): Promise<string[]> {
    return this.redis.zrangebyscore(OUTBOX_KEY, '-inf', now, 'LIMIT', 0, count);
  }

  /** The item, leased for `leaseMs`; undefined if another replica took it or it is gone. */
  async lease(sessionId: string, now: number, leaseMs: number): Promise<OutboxItem | undefined> {
    const res = await this.scripts.outboxLease(
      OUTBOX_KEY,
      OUTBOX_ITEMS_KEY,
      ATTEMPTS_KEY,
      OUTBOX_TRACE_KEY,
      sessionId,
      now,
      leaseMs,
    );
    return res
      ? { sessionId, record: res[0], attempts: Number(res[1]), traceparent: res[2] }
      : undefined;
  }

  async delivered(sessionId: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(OUTBOX_KEY, sessionId)
      .hdel(OUTBOX_ITEMS_KEY, sessionId)
      .hdel(ATTEMPTS_KEY, sessionId)
      .hdel(OUTBOX_TRACE_KEY, sessionId)
      .exec();
  }

  /** Counts a failed attempt and makes the item due again at `dueAt`. */
  async retryAt(sessionId: string, dueAt: number): Promise<void> {
    await this.redis
      .multi()
      .hincrby(ATTEMPTS_KEY, sessionId, 1)
      .zadd(OUTBOX_KEY, dueAt, sessionId)
      .exec();
  }

  async deadLetter(item: OutboxItem, reason: string, now = new Date()): Promise<void> {
    const letter: DeadLetter = {
      session_id: item.sessionId,
      reason,
      attempts: item.attempts + 1,
      failed_at: now.toISOString(),
      record: item.record,
    };
    await this.redis
      .multi()
      .hset(DEAD_LETTER_KEY, item.sessionId, JSON.stringify(letter))
      .zrem(OUTBOX_KEY, item.sessionId)
      .hdel(OUTBOX_ITEMS_KEY, item.sessionId)
      .hdel(ATTEMPTS_KEY, item.sessionId)
      .hdel(OUTBOX_TRACE_KEY, item.sessionId)
      .exec();
  }

  /** The record of a session still waiting in the outbox or set aside as a dead letter. */
  async pendingRecord(sessionId: string): Promise<string | undefined> {
    const [queued, dead] = await Promise.all([
      this.redis.hget(OUTBOX_ITEMS_KEY, sessionId),
      this.redis.hget(DEAD_LETTER_KEY, sessionId),
    ]);
    if (queued) {
      return queued;
    }
    return dead ? (JSON.parse(dead) as DeadLetter).record : undefined;
  }

  depth(): Promise<number> {
    return this.redis.zcard(OUTBOX_KEY);
  }

  deadLetters(): Promise<number> {
    return this.redis.hlen(DEAD_LETTER_KEY);
  }

  /**
   * Moves what the first outbox holds (a list of records, and a list of dead letters) into this
   * one, so an upgrade loses nothing. Returns how many records it moved.
   */
  async migrateV1(now: number): Promise<number> {
    let moved = 0;
    for (const [from, dead] of [
      [V1_OUTBOX_KEY, false],
      [V1_DEAD_LETTER_KEY, true],
    ] as const) {
      for (;;) {
        const raw = await this.redis.lpop(from);
        if (raw === null) {
          break;
        }
        const sessionId = sessionIdOf(raw) ?? `unreadable-${now}-${moved}`;
        const item = { sessionId, record: raw, attempts: 0, traceparent: '' };
        if (dead || !sessionIdOf(raw)) {
          await this.deadLetter(item, dead ? 'refused by the first outbox' : 'unreadable record');
        } else {
          await this.redis
            .multi()
            .hset(OUTBOX_ITEMS_KEY, sessionId, raw)
            .zadd(OUTBOX_KEY, now, sessionId)
            .exec();
        }
        moved += 1;
      }
    }
    return moved;
  }
}

function sessionIdOf(raw: string): string | undefined {
  try {
    const id = (JSON.parse(raw) as { session_id?: unknown }).session_id;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}
