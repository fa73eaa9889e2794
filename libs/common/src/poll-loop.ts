import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import pRetry from 'p-retry';
import { errorMessage } from './errors/domain-errors.js';

export interface PollLoopOptions {
  /** For the logs. */
  name: string;
  /** Pause between two successful rounds. */
  intervalMs: number;
  /** First and longest pause after a failed round (exponential in between, jittered). */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Background work done in rounds, one at a time, on every instance: a round that throws is retried
 * with exponential backoff (p-retry) until one succeeds, then the next round follows after
 * `intervalMs`. `kick()` starts a round now (cutting a wait short); `stop()` ends the loop at the
 * next wait. The outbox of finished group sessions and the sweep of unfinished workout follow-ups
 * both run on it.
 */
export class PollLoop {
  private readonly logger: Logger;
  private stopped = true;
  private wake = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly options: PollLoopOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  start(firstDelayMs = this.options.intervalMs): void {
    if (!this.stopped || this.running) {
      return;
    }
    this.stopped = false;
    this.wake = new AbortController();
    this.running = this.loop(firstDelayMs).finally(() => {
      this.running = undefined;
    });
  }

  /** Run a round now instead of after the current wait (or backoff). */
  kick(): void {
    this.wake.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    await this.running;
  }

  private async loop(firstDelayMs: number): Promise<void> {
    await this.pause(firstDelayMs);
    while (!this.stopped) {
      const signal = this.wake.signal;
      try {
        await pRetry(() => this.round(), {
          retries: Number.POSITIVE_INFINITY,
          factor: 2,
          minTimeout: this.options.minBackoffMs,
          maxTimeout: this.options.maxBackoffMs,
          randomize: true,
          signal,
          unref: true,
          onFailedAttempt: ({ error, attemptNumber }) => {
            // A kick during a round makes p-retry report the abort as a failure: it is none.
            if (!signal.aborted) {
              this.logger.warn(
                `round failed (attempt ${attemptNumber}, backing off up to ${this.options.maxBackoffMs} ms): ${errorMessage(error)}`,
              );
            }
          },
        });
      } catch (err) {
        if (signal.aborted) {
          // kick() or stop(): start over at once, or end.
          this.renewWake(signal);
          continue;
        }
        // p-retry gives up at once on a TypeError (a bug, not a passing failure): wait long.
        this.logger.error(`round failed, not retryable: ${errorMessage(err)}`);
        await this.pause(this.options.maxBackoffMs);
        continue;
      }
      await this.pause(this.options.intervalMs);
    }
  }

  private async pause(ms: number): Promise<void> {
    const signal = this.wake.signal;
    try {
      await sleep(ms, undefined, { signal, ref: false });
    } catch {
      this.renewWake(signal);
    }
  }

  private renewWake(used: AbortSignal): void {
    if (used === this.wake.signal && !this.stopped) {
      this.wake = new AbortController();
    }
  }
}
