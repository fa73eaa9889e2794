import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';

/**
 * Readiness of Redis for a service that keeps working without it (cache, rate limits): `up`, or
 * `degraded` (state `unreachable`). Never `down`: taking the instance out of rotation because the
 * cache is away would turn a slower service into no service. The reason is not shown: probes are
 * public through some setups, and the Redis client logs its errors itself.
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
  } catch {
    return session.degraded({ state: 'unreachable' });
  } finally {
    clearTimeout(timer);
  }
}
