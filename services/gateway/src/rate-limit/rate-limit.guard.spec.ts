import { describe, expect, it, jest } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Reflector } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { ResourceExhaustedError, classify, toHttpAnswer } from '@fitness/common';
import { RateLimitGuard, type RateLimitedAction } from './rate-limit.guard.js';

/** Just enough of ioredis for rate-limiter-flexible: its Lua script as a counter per key. */
class FakeRedis {
  status = 'ready';
  readonly counts = new Map<string, number>();
  defineCommand(): void {}
  rlflxIncr = jest.fn(([key, points, seconds]: string[]) => {
    const consumed = (this.counts.get(key) ?? 0) + Number(points);
    this.counts.set(key, consumed);
    return Promise.resolve([consumed, Number(seconds) * 1000]);
  });
}

const limits: Record<string, number> = {
  RATE_LIMIT_LOGIN_PER_IP: 5,
  RATE_LIMIT_LOGIN_PER_ACCOUNT: 2,
  RATE_LIMIT_REGISTER_PER_IP: 1,
};

function setup(): { sut: RateLimitGuard; redis: FakeRedis } {
  const redis = new FakeRedis();
  const config = { get: (key: string) => limits[key] } as unknown as ConfigService;
  const reflector = {} as Reflector;
  const sut = new RateLimitGuard(reflector, redis as unknown as Redis, config as never);
  return { sut, redis };
}

function context(sut: RateLimitGuard, action: RateLimitedAction, ip: string, body: unknown) {
  Object.assign(sut, { reflector: { get: () => action } });
  return {
    getHandler: () => undefined,
    switchToHttp: () => ({ getRequest: () => ({ ip, body }) }),
  } as unknown as ExecutionContext;
}

describe(RateLimitGuard.name, () => {
  it('should limit logins per account whatever the IP, with the seconds to wait', async () => {
    const { sut } = setup();
    const login = (ip: string, email: string) =>
      sut.canActivate(context(sut, 'login', ip, { email, password: 'x' }));
    await expect(login('10.0.0.1', 'Alice@Example.com')).resolves.toBe(true);
    await expect(login('10.0.0.2', 'alice@example.com ')).resolves.toBe(true);
    const refused = (await login('10.0.0.3', 'ALICE@example.com').catch(
      (e: unknown) => e,
    )) as ResourceExhaustedError;
    expect(refused).toBeInstanceOf(ResourceExhaustedError);
    expect(toHttpAnswer(classify(refused))).toMatchObject({ status: 429, retryAfter: 60 });
    await expect(login('10.0.0.3', 'bob@example.com')).resolves.toBe(true);
  });

  it('should limit logins and registrations per IP', async () => {
    const { sut } = setup();
    for (let i = 0; i < 5; i++) {
      await sut.canActivate(context(sut, 'login', '10.0.0.9', { email: `u${i}@x.io` }));
    }
    await expect(
      sut.canActivate(context(sut, 'login', '10.0.0.9', { email: 'new@x.io' })),
    ).rejects.toBeInstanceOf(ResourceExhaustedError);
    await expect(sut.canActivate(context(sut, 'register', '10.0.0.9', {}))).resolves.toBe(true);
    await expect(sut.canActivate(context(sut, 'register', '10.0.0.9', {}))).rejects.toBeInstanceOf(
      ResourceExhaustedError,
    );
    await expect(sut.canActivate(context(sut, 'register', '10.0.0.8', {}))).resolves.toBe(true);
  });

  it('should fail open while redis is down', async () => {
    const { sut, redis } = setup();
    redis.status = 'reconnecting';
    for (let i = 0; i < 10; i++) {
      await expect(
        sut.canActivate(context(sut, 'login', '10.0.0.1', { email: 'a@b.io' })),
      ).resolves.toBe(true);
    }
    redis.status = 'ready';
    redis.rlflxIncr.mockImplementationOnce(() => new Promise(() => undefined));
    await expect(sut.canActivate(context(sut, 'register', '10.0.0.1', {}))).resolves.toBe(true);
  });
});
