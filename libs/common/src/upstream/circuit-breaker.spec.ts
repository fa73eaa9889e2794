import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import { register } from 'prom-client';
import { CircuitBreakerPolicy, CircuitOpenError, countsAsFailure } from './circuit-breaker.js';
import { DEPENDENCY_UNAVAILABLE_METADATA } from '../errors/classify.js';

function grpcError(code: status, metadata = new Metadata()): Error {
  return Object.assign(new Error(status[code]), { code, details: status[code], metadata });
}

const ok = (): Promise<string> => Promise.resolve('ok');
const failWith = (code: status) => (): Promise<never> => Promise.reject(grpcError(code));

async function gauge(upstream: string): Promise<number | undefined> {
  const metric = await register.getSingleMetric('circuit_breaker_state')?.get();
  return metric?.values.find((v) => v.labels.upstream === upstream)?.value;
}

describe(CircuitBreakerPolicy.name, () => {
  let sut: CircuitBreakerPolicy;
  let upstream: string;
  let n = 0;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') });
    upstream = `svc-${++n}`;
    sut = new CircuitBreakerPolicy(upstream, { threshold: 3, windowMs: 10_000, resetMs: 5000 });
  });

  afterEach(() => {
    sut.shutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should open after 3 failures in the window and then fail fast without calling', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(sut.execute('GetUser', failWith(status.UNAVAILABLE))).rejects.toMatchObject({
        code: status.UNAVAILABLE,
      });
    }
    expect(sut.state).toBe('open');
    const attempt = jest.fn(ok);
    const err = await sut.execute('GetUser', attempt).catch((e: unknown) => e);
    expect(attempt).not.toHaveBeenCalled();
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect(err).toMatchObject({ code: status.UNAVAILABLE, upstream, retryAfterMs: 5000 });
    expect((err as CircuitOpenError).metadata).toBeInstanceOf(Metadata);
    expect(await gauge(upstream)).toBe(2);
    expect(sut.snapshot()).toEqual({ state: 'open', failures_in_window: 0, retry_after_s: 5 });
  });

  it('should never count client errors', async () => {
    for (const code of [
      status.NOT_FOUND,
      status.INVALID_ARGUMENT,
      status.ALREADY_EXISTS,
      status.PERMISSION_DENIED,
      status.UNAUTHENTICATED,
      status.FAILED_PRECONDITION,
    ]) {
      await expect(sut.execute('GetUser', failWith(code))).rejects.toMatchObject({ code });
    }
    expect(sut.state).toBe('closed');
    expect(sut.snapshot().failures_in_window).toBe(0);
  });

  it("should not count an upstream's report that its own dependency is unavailable", () => {
    const metadata = new Metadata();
    metadata.set(DEPENDENCY_UNAVAILABLE_METADATA, '1');
    expect(countsAsFailure(grpcError(status.UNAVAILABLE, metadata))).toBe(false);
    expect(countsAsFailure(grpcError(status.UNAVAILABLE))).toBe(true);
    expect(countsAsFailure(grpcError(status.DEADLINE_EXCEEDED))).toBe(true);
    expect(countsAsFailure(grpcError(status.INTERNAL))).toBe(true);
    expect(countsAsFailure(new Error('socket hang up'))).toBe(true);
  });

  it('should forget failures older than the window', async () => {
    await sut.execute('A', failWith(status.UNAVAILABLE)).catch(() => undefined);
    await sut.execute('A', failWith(status.UNAVAILABLE)).catch(() => undefined);
    jest.advanceTimersByTime(10_001);
    await sut.execute('A', failWith(status.UNAVAILABLE)).catch(() => undefined);
    expect(sut.state).toBe('closed');
    expect(sut.snapshot().failures_in_window).toBe(1);
  });

  it('should go half-open after the reset time and close on a successful trial', async () => {
    for (let i = 0; i < 3; i++) {
      await sut.execute('A', failWith(status.UNAVAILABLE)).catch(() => undefined);
    }
    jest.advanceTimersByTime(3000);
    const early = (await sut.execute('A', ok).catch((e: unknown) => e)) as CircuitOpenError;
    expect(early.retryAfterMs).toBe(2000);
    jest.advanceTimersByTime(2000);
    expect(sut.state).toBe('half-open');
    expect(await gauge(upstream)).toBe(1);
    await expect(sut.execute('A', ok)).resolves.toBe('ok');
    expect(sut.state).toBe('closed');
    expect(await gauge(upstream)).toBe(0);
  });

  it('should let one trial through while half-open and reopen when it fails', async () => {
    for (let i = 0; i < 3; i++) {
      await sut.execute('A', failWith(status.UNAVAILABLE)).catch(() => undefined);
    }
    jest.advanceTimersByTime(5000);
    let failTrial: (err: Error) => void = () => undefined;
    const trial = sut.execute('A', () => new Promise<never>((_, reject) => (failTrial = reject)));
    const second = jest.fn(ok);
    await expect(sut.execute('A', second)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(second).not.toHaveBeenCalled();
    failTrial(grpcError(status.UNAVAILABLE));
    await expect(trial).rejects.toMatchObject({ code: status.UNAVAILABLE });
    expect(sut.state).toBe('open');
    const err = (await sut.execute('A', ok).catch((e: unknown) => e)) as CircuitOpenError;
    expect(err.retryAfterMs).toBe(5000);
  });

  it('should log every failure with method, code and state, and every state change', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) {
      await sut.execute('ListGoals', failWith(status.UNAVAILABLE)).catch(() => undefined);
    }
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('method=ListGoals code=UNAVAILABLE'))).toHaveLength(3);
    expect(lines[0]).toContain(`upstream ${upstream} failed`);
    expect(lines[0]).toContain('breaker=closed');
    expect(lines.some((l) => l.includes(`circuit breaker for ${upstream} opened`))).toBe(true);
    jest.advanceTimersByTime(5000);
    await sut.execute('ListGoals', ok);
    const changes = log.mock.calls.map((c) => String(c[0]));
    expect(changes.some((l) => l.includes('half-open'))).toBe(true);
    expect(changes.some((l) => l.includes('closed'))).toBe(true);
  });
});
