import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { ProfileCache, profileCacheKey } from './profile-cache.js';

class FakeRedis extends EventEmitter {
  readonly data = new Map<string, string>();
  down = false;
  get = jest.fn((key: string) => this.run(() => this.data.get(key) ?? null));
  set = jest.fn((key: string, value: string, ..._ttl: unknown[]) =>
    this.run(() => {
      this.data.set(key, value);
      return 'OK';
    }),
  );
  del = jest.fn((...keys: string[]) =>
    this.run(() => keys.filter((k) => this.data.delete(k)).length),
  );

  private run<T>(fn: () => T): Promise<T> {
    return this.down ? Promise.reject(new Error("Stream isn't writeable")) : Promise.resolve(fn());
  }
}

const profile = {
  user_id: '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  username: 'alice',
  email: 'alice@example.com',
  weight_kg: 68,
  created_at: '2026-11-25T00:00:00.000Z',
};

describe(ProfileCache.name, () => {
  let redis: FakeRedis;
  let sut: ProfileCache;

  beforeEach(() => {
    redis = new FakeRedis();
    const config = { get: () => 120 } as unknown as ConfigService;
    sut = new ProfileCache(redis as unknown as Redis, config);
  });

  it('should use the one key schema and store the JSON with the TTL', async () => {
    expect(profileCacheKey('u1')).toBe('profile:v1:u1');
    await sut.set(profile);
    expect(redis.set).toHaveBeenCalledWith(
      `profile:v1:${profile.user_id}`,
      JSON.stringify(profile),
      'EX',
      120,
    );
    await expect(sut.get(profile.user_id)).resolves.toEqual(profile);
  });

  it('should treat garbage in the cache as a miss', async () => {
    redis.data.set(profileCacheKey('x'), '{not json');
    await expect(sut.get('x')).resolves.toBeUndefined();
    redis.data.set(profileCacheKey('y'), '{"hello":1}');
    await expect(sut.get('y')).resolves.toBeUndefined();
  });

  it('should never throw while redis is down: reads miss, writes are skipped', async () => {
    redis.down = true;
    await expect(sut.get(profile.user_id)).resolves.toBeUndefined();
    await expect(sut.set(profile)).resolves.toBeUndefined();
    await expect(sut.invalidate(profile.user_id)).resolves.toBeUndefined();
  });

  it('should apply an invalidation that failed once redis is back, and not refill before', async () => {
    await sut.set({ ...profile, weight_kg: 60 });
    redis.down = true;
    await sut.invalidate(profile.user_id);
    expect(sut.pending).toBe(1);
    redis.down = false;
    // A refill now could come from a read that raced the change: skipped until invalidated.
    await sut.set({ ...profile, weight_kg: 60 });
    expect(redis.set).toHaveBeenCalledTimes(1);
    redis.emit('ready');
    await new Promise((r) => setImmediate(r));
    expect(sut.pending).toBe(0);
    await expect(sut.get(profile.user_id)).resolves.toBeUndefined();
  });

  it('should give up on a redis that does not answer in time', async () => {
    redis.get.mockImplementationOnce(() => new Promise(() => undefined));
    const started = Date.now();
    await expect(sut.get(profile.user_id)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
