import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { errorMessage } from '../errors/domain-errors.js';

/**
 * Readiness of Redis for a service that keeps working without it (cache, rate limits): `up`, or
 * `degraded` with the reason. Never `down`: taking the instance out of rotation because the cache
 * is away would turn a slower service into no service.
 */
export async function redisHealth(
  indicator: HealthIndicatorService,
  redis: Redis,
  timeoutMs = 1000,
): Promise<HealthIndicatorResult<'redis'>> {
  const session = indicator.check('redis');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs);
      }),
    ]);
    return session.up();
  } catch (err) {
    return session.degraded({ message: errorMessage(err) });
  } finally {
    clearTimeout(timer);
  }
}
