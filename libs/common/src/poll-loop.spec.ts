import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PollLoop, type PollLoopOptions } from './poll-loop.js';

/** Long enough never to end within a test: only a kick (or stop) can cut it short. */
const FOREVER_MS = 60_000;

/** Real-time wait until `done()` holds, bounded. */
async function until(done: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(2);
  }
}

/** Settles with `promise`, or rejects if that takes longer than `timeoutMs`. */
async function within<T>(promise: Promise<T>, what: string, timeoutMs = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function options(overrides: Partial<PollLoopOptions>): PollLoopOptions {
  return { name: 'test-loop', intervalMs: 5, minBackoffMs: 5, maxBackoffMs: 10, ...overrides };
}

/** A loop whose rounds only count themselves and settle like `outcome` (resolved by default). */
function countingLoop(
  overrides: Partial<PollLoopOptions>,
  outcome: () => Promise<void> = () => Promise.resolve(),
): { loop: PollLoop; rounds: () => number } {
  let rounds = 0;
  const loop = new PollLoop(() => {
    rounds++;
    return outcome();
  }, options(overrides));
  return { loop, rounds: () => rounds };
}

describe(PollLoop.name, () => {
  let sut: PollLoop | undefined;
  /** Rounds still waiting for the test to let them finish (opened on teardown). */
  let gates: Gate[] = [];

  afterEach(async () => {
    for (const g of gates) {
      g.open();
    }
    gates = [];
    await within(sut?.stop() ?? Promise.resolve(), 'the loop to stop');
    sut = undefined;
  });

  it('should retry a failing round until it succeeds, then go on at the interval', async () => {
    const outcomes: string[] = [];
    let failures = 2;
    sut = new PollLoop(
      () => {
        if (failures > 0) {
          failures--;
          outcomes.push('failed');
          return Promise.reject(new Error('upstream unavailable'));
        }
        outcomes.push('ok');
        return Promise.resolve();
      },
      options({ minBackoffMs: 5, maxBackoffMs: FOREVER_MS }),
    );

    sut.start(0);
    // The backoff starts short (minBackoffMs) and only grows towards the maximum.
    await until(() => outcomes.length >= 5, 'five rounds');

    expect(outcomes.slice(0, 5)).toEqual(['failed', 'failed', 'ok', 'ok', 'ok']);
  });

  it('should wait out a backoff after a failure rather than retry at once, and resume the interval after', async () => {
    const outcomes: string[] = [];
    sut = new PollLoop(
      () => {
        if (outcomes.length === 1) {
          outcomes.push('failed');
          return Promise.reject(new Error('upstream unavailable'));
        }
        outcomes.push('ok');
        return Promise.resolve();
      },
      options({ intervalMs: 5, minBackoffMs: FOREVER_MS, maxBackoffMs: FOREVER_MS }),
    );

    sut.start(0);
    await until(() => outcomes.length >= 2, 'the failing round');
    // Rounds 5 ms apart would have run many times by now; the backoff holds the retry back.
    await sleep(60);
    expect(outcomes).toEqual(['ok', 'failed']);

    sut.kick();
    await until(() => outcomes.length >= 5, 'rounds at the interval again');
    expect(outcomes.slice(0, 5)).toEqual(['ok', 'failed', 'ok', 'ok', 'ok']);
  });

  it('should never start a round while one is running, however often it is kicked', async () => {
    let running = 0;
    let mostAtOnce = 0;
    sut = new PollLoop(
      async () => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        const g = gate();
        gates.push(g);
        try {
          await g.promise;
        } finally {
          running--;
        }
      },
      options({ intervalMs: FOREVER_MS, minBackoffMs: FOREVER_MS, maxBackoffMs: FOREVER_MS }),
    );

    sut.start(0);
    await until(() => gates.length === 1, 'the first round');
    sut.kick();
    sut.kick();
    sut.kick();
    await sleep(30);
    expect(gates).toHaveLength(1);

    // The kicks asked for a round now: it follows the running one at once, and only one.
    gates[0].open();
    await until(() => gates.length === 2, 'the kicked round');
    gates[1].open();
    await sleep(30);
    expect(gates).toHaveLength(2);
    expect(mostAtOnce).toBe(1);
  });

  it('should start a round when kicked, before the interval is over', async () => {
    const { loop, rounds } = countingLoop({ intervalMs: FOREVER_MS });
    sut = loop;

    sut.start(FOREVER_MS);
    sut.kick();
    await until(() => rounds() === 1, 'the kicked first round');
    sut.kick();
    await until(() => rounds() === 2, 'the kicked second round');
    expect(rounds()).toBe(2);
  });

  it('should resolve stop() and run no round afterwards, kicked or not', async () => {
    const { loop, rounds } = countingLoop({ intervalMs: 5 });
    sut = loop;

    sut.start(0);
    await until(() => rounds() >= 3, 'three rounds');
    await within(sut.stop(), 'stop()');
    const done = rounds();
    sut.kick();
    await sleep(50);

    expect(rounds()).toBe(done);
  });

  it('should stop during a backoff without waiting for it to end', async () => {
    const { loop, rounds } = countingLoop(
      { minBackoffMs: FOREVER_MS, maxBackoffMs: FOREVER_MS },
      () => Promise.reject(new Error('upstream unavailable')),
    );
    sut = loop;

    sut.start(0);
    await until(() => rounds() === 1, 'the failing round');
    await within(sut.stop(), 'stop() during the backoff');
    await sleep(30);

    expect(rounds()).toBe(1);
  });

  it('should let a running round finish before stop() resolves', async () => {
    let finished = 0;
    sut = new PollLoop(
      async () => {
        const g = gate();
        gates.push(g);
        await g.promise;
        finished++;
      },
      options({ intervalMs: 5 }),
    );
    sut.start(0);
    await until(() => gates.length === 1, 'the first round');

    let stopped = false;
    const stopping = sut.stop().then(() => {
      stopped = true;
    });
    await sleep(30);
    expect(stopped).toBe(false);

    gates[0].open();
    await within(stopping, 'stop() after the round');
    expect(finished).toBe(1);
    await sleep(30);
    expect(gates).toHaveLength(1);
  });
});
