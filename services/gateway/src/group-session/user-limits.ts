import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { MESSAGES, REDIS, ResourceExhaustedError, UnavailableError } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';

export type LimitedAction = 'message' | 'exercise' | 'create';

interface Limit {
  limiter: RateLimiterAbstract | BurstyRateLimiter;
  refusal: string;
}

/**
 * What one user may do in group sessions, across every replica (rate-limiter-flexible, counted
 * in Redis like the HTTP limits): chat messages and exercise updates at a steady rate with short
 * bursts (a quick exchange is never refused, a flood is), and a number of sessions created a
 * minute (each lives up to GROUP_SESSION_TTL_S in Redis). Unlike the login limits they fail
 * closed: without Redis there is no group session to act on anyway.
 */
@Injectable()
export class UserLimits {
  private readonly limits: Record<LimitedAction, Limit>;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<GatewayEnv, true>) {
    const base = { storeClient: redis, rejectIfRedisNotReady: true };
    const bursty = (name: string, rate: number, burst: number): Limit => {
      const extra = Math.max(1, burst - rate);
      return {
        limiter: new BurstyRateLimiter(
          new RateLimiterRedis({
            ...base,
            keyPrefix: `gs-limit:v1:${name}`,
            points: rate,
            duration: 1,
          }),
          new RateLimiterRedis({
            ...base,
            keyPrefix: `gs-limit:v1:${name}:burst`,
            points: extra,
            duration: Math.max(1, Math.ceil(burst / rate)),
          }),
        ),
        refusal: `at most ${rate} a second (bursts of ${Math.max(burst, rate)})`,
      };
    };
    const perMinute = config.get('GROUP_SESSIONS_PER_MINUTE', { infer: true });
    this.limits = {
      message: bursty(
        'message',
        config.get('CHAT_RATE_PER_SECOND', { infer: true }),
        config.get('CHAT_BURST', { infer: true }),
      ),
      exercise: bursty(
        'exercise',
        config.get('EXERCISE_RATE_PER_SECOND', { infer: true }),
        config.get('EXERCISE_BURST', { infer: true }),
      ),
      create: {
        limiter: new RateLimiterRedis({
          ...base,
          keyPrefix: 'gs-limit:v1:create',
          points: perMinute,
          duration: 60,
        }),
        refusal: `at most ${perMinute} a minute`,
      },
    };
  }

  /** Takes one of the user's allowance for the action, or refuses with RESOURCE_EXHAUSTED. */
  async take(action: LimitedAction, userId: string): Promise<void> {
    const { limiter, refusal } = this.limits[action];
    try {
      await limiter.consume(userId);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new ResourceExhaustedError(
          `too many ${WHAT[action]}: ${refusal}`,
          Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
        );
      }
      throw new UnavailableError(MESSAGES.storeUnavailable);
    }
  }
}

const WHAT: Record<LimitedAction, string> = {
  message: 'messages',
  exercise: 'exercise updates',
  create: 'group sessions created',
};
