import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { UnavailableError } from '@fitness/common';
import { CoordinationRecord } from './coordination.schema.js';
import { insertUnique } from './insert-unique.js';

const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/**
 * Exactly-once markers and short per-key locks built only on unique inserts, so they hold on
 * every MongoDB-protocol server, FerretDB v1 included (no transactions, non-atomic updates there).
 */
@Injectable()
export class CoordinationService {
  constructor(
    @InjectModel(CoordinationRecord.name) private readonly model: Model<CoordinationRecord>,
  ) {}

  /** Creates the marker; false if it already existed (someone did this before). */
  claim(key: string): Promise<boolean> {
    return insertUnique(this.model.collection, { _id: key, created_at: new Date() });
  }

  /**
   * Claims `key` for `ttlMs`: false while someone else holds it. A claim older than its TTL was
   * left by a holder that died half-way, and is taken over. `release` gives it back at once.
   */
  async claimFor(key: string, ttlMs: number): Promise<boolean> {
    const claim = () => {
      const now = new Date();
      return insertUnique(this.model.collection, {
        _id: key,
        created_at: now,
        expires_at: new Date(now.getTime() + ttlMs),
      });
    };
    if (await claim()) {
      return true;
    }
    const stale = await this.model.deleteOne({ _id: key, expires_at: { $lt: new Date() } }).exec();
    return stale.deletedCount > 0 && (await claim());
  }

  async release(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key }).exec();
  }

  /** Per key, the end of the queue of this process' callers of withLock (see there). */
  private readonly queues = new Map<string, Promise<void>>();

  /**
   * Runs `fn` while holding the lock `key` across all instances. Waits (bounded) for a holder to
   * finish; takes over a lock whose holder died after its TTL. UNAVAILABLE if it cannot get it.
   *
   * Callers in this process queue here first, so at most one per key and instance polls the
   * store's lock: without the queue, N concurrent ends of one user's workouts are N pollers
   * hammering the store (and slowing the holder) until most give up after LOCK_WAIT_MS. The
   * wait in the queue counts against the same bound.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    const previous = this.queues.get(key) ?? Promise.resolve();
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    // The next caller waits for the previous one and this one, whichever way this one ends.
    const tail = previous.then(() => mine);
    this.queues.set(key, tail);
    try {
      if (!(await settlesWithin(previous, deadline - Date.now()))) {
        throw new UnavailableError(`busy: could not take the lock ${key}`);
      }
      return await this.withStoreLock(key, fn, deadline);
    } finally {
      leave();
      if (this.queues.get(key) === tail) {
        this.queues.delete(key);
      }
    }
  }

  private async withStoreLock<T>(key: string, fn: () => Promise<T>, deadline: number): Promise<T> {
    const id = `lock:${key}`;
    const owner = randomUUID();
    let delay = 5;
    for (;;) {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + LOCK_TTL_MS);
      const lock = { _id: id, owner, created_at: now, expires_at: expiresAt };
      if (await insertUnique(this.model.collection, lock)) {
        break;
      }
      await this.model.deleteOne({ _id: id, expires_at: { $lt: new Date() } }).exec();
      if (Date.now() > deadline) {
        throw new UnavailableError(`busy: could not take the lock ${key}`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
    try {
      return await fn();
    } finally {
      await this.model.deleteOne({ _id: id, owner }).exec();
    }
  }
}

/** Whether `p` settles (either way) within `ms`; never rejects, leaves no timer behind. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) {
    return false;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
