import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { Metadata, status } from '@grpc/grpc-js';
import CircuitBreaker from 'opossum';
import { Counter, Gauge } from 'prom-client';
import type { GrpcClientEnv } from '../config.js';
import type { CallPolicy } from '../grpc/client.js';
import {
  CLIENT_ERROR_CODES,
  DEPENDENCY_UNAVAILABLE_METADATA,
  grpcCodeName,
  isGrpcCallError,
} from '../errors/classify.js';

export type BreakerState = 'closed' | 'half-open' | 'open';

export interface BreakerOptions {
  /** Failures within `windowMs` that open the breaker (BREAKER_THRESHOLD). */
  threshold: number;
  /** Length of the sliding failure window (BREAKER_WINDOW_MS). */
  windowMs: number;
  /** Time the breaker stays open before one half-open trial call (BREAKER_RESET_MS). */
  resetMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  threshold: 3,
  windowMs: 10_000,
  resetMs: 5000,
};

/** The breaker settings of a service's environment (GrpcClientEnv: BREAKER_*). */
export function breakerOptionsFrom(config: ConfigService<GrpcClientEnv, true>): BreakerOptions {
  return {
    threshold: config.get('BREAKER_THRESHOLD'),
    windowMs: config.get('BREAKER_WINDOW_MS'),
    resetMs: config.get('BREAKER_RESET_MS'),
  };
}

/** What /readyz shows of a breaker. */
export interface BreakerSnapshot {
  state: BreakerState;
  failures_in_window: number;
  retry_after_s?: number;
}

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

const stateGauge = new Gauge({
  name: 'circuit_breaker_state',
  help: 'Circuit breaker of each upstream service: 0 closed, 1 half-open, 2 open',
  labelNames: ['upstream'] as const,
});
const failureCounter = new Counter({
  name: 'circuit_breaker_failures_total',
  help: 'Calls that counted against an upstream (server-side failures), by method and code',
  labelNames: ['upstream', 'method', 'code'] as const,
});
const rejectionCounter = new Counter({
  name: 'circuit_breaker_rejections_total',
  help: 'Calls failed fast by an open (or half-open, trial in flight) breaker, never sent',
  labelNames: ['upstream'] as const,
});

/**
 * What an open breaker answers instead of calling the upstream: shaped like a grpc-js
 * ServiceError (code UNAVAILABLE plus metadata), so every caller handles it like the upstream
 * being down (the gateway: 503 with Retry-After), and it says when the half-open trial is due.
 */
export class CircuitOpenError extends Error {
  readonly code = status.UNAVAILABLE;
  readonly metadata = new Metadata();

  constructor(
    readonly upstream: string,
    readonly retryAfterMs: number,
  ) {
    super(`circuit breaker for ${upstream} is open`);
    this.name = 'CircuitOpenError';
  }

  get details(): string {
    return this.message;
  }
}

type Attempt = () => Promise<unknown>;

/**
 * One breaker per upstream service, shared by all its methods (opossum underneath). opossum opens
 * on an error percentage over a volume; the contract is "N failures within a window", so failures
 * are counted here in a sliding window and the breaker is opened by hand. Client errors
 * (NOT_FOUND, INVALID_ARGUMENT, ...) mean the upstream is fine and never count. While open, calls
 * fail fast with CircuitOpenError; after `resetMs` one trial call goes through (half-open): its
 * success closes the breaker, its failure opens it again for another `resetMs`.
 */
export class CircuitBreakerPolicy implements CallPolicy {
  private readonly logger = new Logger(CircuitBreakerPolicy.name);
  private readonly breaker: CircuitBreaker<[Attempt, string], unknown>;
  private failures: number[] = [];
  private openedAt = 0;

  constructor(
    readonly upstream: string,
    private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS,
  ) {
    // The method name rides along as the second argument, for the failure log.
    this.breaker = new CircuitBreaker<[Attempt, string], unknown>((attempt) => attempt(), {
      name: upstream,
      // The gRPC deadline bounds every call; a second timer here would only race it.
      timeout: false,
      resetTimeout: options.resetMs,
      // Never open on opossum's own percentage rule (a rate can't exceed 100 %): we count.
      errorThresholdPercentage: 100,
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorFilter: (err: unknown) => !countsAsFailure(err),
    });
    this.breaker.on('failure', (err: unknown, _latency: number, args: unknown[]) =>
      this.onFailure(err, String(args[1])),
    );
    this.breaker.on('open', () => this.onStateChange('open'));
    this.breaker.on('halfOpen', () => this.onStateChange('half-open'));
    this.breaker.on('close', () => this.onStateChange('closed'));
    stateGauge.set({ upstream }, STATE_VALUE.closed);
  }

  async execute<T>(method: string, attempt: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(attempt, method)) as T;
    } catch (err) {
      if (isOpenBreakerError(err)) {
        rejectionCounter.inc({ upstream: this.upstream });
        throw new CircuitOpenError(this.upstream, this.retryAfterMs());
      }
      throw err;
    }
  }

  get state(): BreakerState {
    if (this.breaker.opened) {
      return 'open';
    }
    return this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      state,
      failures_in_window: this.recentFailures(Date.now()),
      ...(state === 'closed' ? {} : { retry_after_s: Math.ceil(this.retryAfterMs() / 1000) }),
    };
  }

  /** Stops the reset timer (process shutdown). */
  shutdown(): void {
    this.breaker.shutdown();
  }

  /** Time until the half-open trial; at least 1 s once it is due (a trial is in flight). */
  private retryAfterMs(): number {
    if (!this.breaker.opened) {
      return 1000;
    }
    return Math.max(1000, this.openedAt + this.options.resetMs - Date.now());
  }

  private onFailure(err: unknown, method: string): void {
    const now = Date.now();
    const code = grpcCodeName(isGrpcCallError(err) ? err.code : status.UNKNOWN);
    failureCounter.inc({ upstream: this.upstream, method, code });
    const state = this.state;
    if (state === 'closed') {
      this.failures.push(now);
    }
    const count = this.recentFailures(now);
    this.logger.warn(
      `upstream ${this.upstream} failed: method=${method} code=${code} breaker=${state} ` +
        `failures=${count}/${this.options.threshold} in ${this.options.windowMs} ms`,
    );
    // In half-open opossum itself re-opens on the trial's failure.
    if (state === 'closed' && count >= this.options.threshold) {
      this.breaker.open();
    }
  }

  private onStateChange(state: BreakerState): void {
    stateGauge.set({ upstream: this.upstream }, STATE_VALUE[state]);
    this.failures = [];
    if (state === 'open') {
      this.openedAt = Date.now();
      this.logger.warn(
        `circuit breaker for ${this.upstream} opened: calls fail fast, half-open trial in ${this.options.resetMs} ms`,
      );
    } else if (state === 'half-open') {
      this.logger.log(`circuit breaker for ${this.upstream} half-open: the next call is a trial`);
    } else {
      this.logger.log(`circuit breaker for ${this.upstream} closed: calls flow again`);
    }
  }

  private recentFailures(now: number): number {
    const from = now - this.options.windowMs;
    this.failures = this.failures.filter((t) => t > from);
    return this.failures.length;
  }
}

/**
 * A failure of the upstream itself: any server-side status, or no status at all. Not: client
 * errors (the upstream answered correctly), nor UNAVAILABLE that the upstream reports about its own
 * dependency (it answered; its dependency has a breaker of its own).
 */
export function countsAsFailure(err: unknown): boolean {
  if (!isGrpcCallError(err)) {
    return true;
  }
  if (CLIENT_ERROR_CODES.has(err.code)) {
    return false;
  }
  const metadata = (err as { metadata?: unknown }).metadata;
  return !(
    metadata instanceof Metadata && metadata.get(DEPENDENCY_UNAVAILABLE_METADATA).length > 0
  );
}

function isOpenBreakerError(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === 'EOPENBREAKER';
}
