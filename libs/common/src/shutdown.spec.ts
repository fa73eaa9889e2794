import { describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { enableGracefulShutdown } from './shutdown.js';

function fakeApp(close: () => Promise<void>): INestApplicationContext {
  return { close } as unknown as INestApplicationContext;
}

describe(enableGracefulShutdown.name, () => {
  it('should run the hook first, then close the app, then exit 0', async () => {
    const order: string[] = [];
    const exit = jest.fn((code: number) => void order.push(`exit ${code}`));
    const shutdown = enableGracefulShutdown(
      fakeApp(() => {
        order.push('close');
        return Promise.resolve();
      }),
      { graceMs: 1000, signals: [], exit, beforeClose: () => void order.push('sockets') },
    );
    await shutdown('SIGTERM');
    expect(order).toEqual(['sockets', 'close', 'exit 0']);
  });

  it('should shut down once however often it is asked', async () => {
    const close = jest.fn(() => Promise.resolve());
    const exit = jest.fn();
    const shutdown = enableGracefulShutdown(fakeApp(close), { graceMs: 1000, signals: [], exit });
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('should exit 1 when the drain outlives the grace period', async () => {
    jest.useFakeTimers();
    const exit = jest.fn();
    const shutdown = enableGracefulShutdown(
      fakeApp(() => new Promise(() => undefined)),
      { graceMs: 10_000, signals: [], exit },
    );
    void shutdown('SIGTERM');
    await jest.advanceTimersByTimeAsync(9_999);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledWith(1);
    jest.useRealTimers();
  });

  it('should exit 1 when closing fails', async () => {
    const exit = jest.fn();
    const shutdown = enableGracefulShutdown(
      fakeApp(() => Promise.reject(new Error('boom'))),
      { graceMs: 1000, signals: [], exit },
    );
    await shutdown();
    expect(exit).toHaveBeenCalledWith(1);
  });
});
