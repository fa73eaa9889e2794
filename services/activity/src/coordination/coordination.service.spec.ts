import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Model } from 'mongoose';
import { UnavailableError } from '@fitness/common';
import type { CoordinationRecord } from './coordination.schema.js';
import { CoordinationService } from './coordination.service.js';

/** A store of unique _ids, like the coordination collection, that counts the inserts tried. */
function fakeStore() {
  const docs = new Map<string, { owner?: string; expires_at?: Date }>();
  const stats = { inserts: 0, refused: 0 };
  const model = {
    collection: {
      insertOne: (doc: { _id: string; owner?: string; expires_at?: Date }) => {
        stats.inserts += 1;
        if (docs.has(doc._id)) {
          stats.refused += 1;
          return Promise.reject(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }));
        }
        docs.set(doc._id, doc);
        return Promise.resolve({});
      },
    },
    deleteOne: (filter: { _id: string; owner?: string; expires_at?: { $lt: Date } }) => ({
      exec: () => {
        const doc = docs.get(filter._id);
        const matches =
          doc !== undefined &&
          (filter.owner === undefined || doc.owner === filter.owner) &&
          (filter.expires_at === undefined ||
            (doc.expires_at !== undefined && doc.expires_at < filter.expires_at.$lt));
        if (matches) docs.delete(filter._id);
        return Promise.resolve({ deletedCount: matches ? 1 : 0 });
      },
    }),
  };
  return { docs, stats, model: model as unknown as Model<CoordinationRecord> };
}

describe(CoordinationService.name, () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should run the callers of one key one at a time, in order, without polling the store', async () => {
    const { stats, docs, model } = fakeStore();
    const sut = new CoordinationService(model);
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const work = (name: string) => async () => {
      inside += 1;
      most = Math.max(most, inside);
      order.push(`${name} in`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`${name} out`);
      inside -= 1;
      return name;
    };
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((n) => sut.withLock('stats:u1', work(n))),
    );
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(1);
    expect(order.slice(0, 4)).toEqual(['a in', 'a out', 'b in', 'b out']);
    // Each caller took the store's lock at its first try: none of them polled.
    expect(stats).toEqual({ inserts: 5, refused: 0 });
    expect(docs.size).toBe(0);
  });

  it('should let different keys run side by side', async () => {
    const { model } = fakeStore();
    const sut = new CoordinationService(model);
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise((resolve) => setImmediate(resolve));
      inside -= 1;
    };
    await Promise.all(['u1', 'u2', 'u3'].map((u) => sut.withLock(`stats:${u}`, work)));
    expect(most).toBe(3);
  });

  it('should pass the turn on when a caller fails', async () => {
    const { model } = fakeStore();
    const sut = new CoordinationService(model);
    const failing = sut.withLock('k', () => Promise.reject(new Error('boom')));
    const next = sut.withLock('k', () => Promise.resolve('ran'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('should answer UNAVAILABLE when the caller ahead holds the key past the bound', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const { model } = fakeStore();
    const sut = new CoordinationService(model);
    let release!: () => void;
    const holding = sut.withLock('k', () => new Promise<void>((resolve) => (release = resolve)));
    const waiting = sut.withLock('k', () => Promise.resolve('never'));
    const outcome = waiting.then(
      () => 'ran',
      (err: unknown) => err,
    );
    await jest.advanceTimersByTimeAsync(5_001);
    expect(await outcome).toBeInstanceOf(UnavailableError);
    release();
    await holding;
    // The queue is free again afterwards.
    await expect(sut.withLock('k', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
