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

  /**
   * Runs `fn` while holding the lock `key` across all instances. Waits (bounded) for a holder to
   * finish; takes over a lock whose holder died after its TTL. UNAVAILABLE if it cannot get it.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const id = `lock:${key}`;
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
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
