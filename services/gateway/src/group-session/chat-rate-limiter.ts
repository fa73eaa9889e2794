import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { MESSAGES, REDIS, ResourceExhaustedError, UnavailableError } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';

/**
 * Chat messages per user across every replica (rate-limiter-flexible, counted in Redis like the
 * HTTP limits): CHAT_RATE_PER_SECOND a second, plus CHAT_BURST − rate more within a short burst
 * window, so a quick exchange is never refused but a flood is. Unlike the login limits it fails
 * closed: without Redis there is no group session to send to anyway.
 */
@Injectable()
export class ChatRateLimiter {
  private readonly limiter: BurstyRateLimiter;
  private readonly rate: number;
  private readonly burst: number;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<GatewayEnv, true>) {
    this.rate = config.get('CHAT_RATE_PER_SECOND');
    this.burst = Math.max(config.get('CHAT_BURST'), this.rate);
    const base = { storeClient: redis, rejectIfRedisNotReady: true };
    this.limiter = new BurstyRateLimiter(
      new RateLimiterRedis({ ...base, keyPrefix: 'chat:v1', points: this.rate, duration: 1 }),
      new RateLimiterRedis({
        ...base,
        keyPrefix: 'chat:v1:burst',
        points: Math.max(1, this.burst - this.rate),
        duration: Math.max(1, Math.ceil(this.burst / this.rate)),
      }),
    );
  }

  /** Takes one message of the user's allowance, or refuses with RESOURCE_EXHAUSTED. */
  async take(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new ResourceExhaustedError(
          `too many messages: at most ${this.rate} a second (bursts of ${this.burst})`,
          Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
        );
      }
      throw new UnavailableError(MESSAGES.storeUnavailable);
    }
  }
}
