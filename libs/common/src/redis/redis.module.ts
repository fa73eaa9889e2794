import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { ProfileCache } from './profile-cache.js';
import { REDIS } from './redis.token.js';

export { REDIS };

export const REDIS_COMMAND_TIMEOUT_DEFAULT_MS = 2000;

/**
 * One ioredis client per process, from REDIS_URL, for every module that needs Redis (cache,
 * sessions, alerts), and the profile cache built on it. Commands fail fast while Redis is away; the client reconnects by itself.
 */

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Record<string, unknown>, true>): Redis => {
        const logger = new Logger('Redis');
        const redis = new Redis(config.get<string>('REDIS_URL'), {
          // Fail fast while Redis is away instead of queueing commands behind a dead connection,
          // and never wait on a command for longer than this (a stalled Redis is a failure too).
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          commandTimeout:
            config.get<number | undefined>('REDIS_COMMAND_TIMEOUT_MS') ??
            REDIS_COMMAND_TIMEOUT_DEFAULT_MS,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        let lastError = '';
        // Without a listener ioredis reports every reconnect attempt as an unhandled error.
        redis.on('error', (err: Error) => {
          if (err.message !== lastError) {
            lastError = err.message;
            logger.warn(`redis error: ${err.message}`);
          }
        });
        redis.on('ready', () => {
          lastError = '';
        });
        return redis;
      },
    },
    ProfileCache,
  ],
  exports: [REDIS, ProfileCache],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/**
 * Resolves once the client is connected (for one-shot scripts: the shared client refuses commands
 * until then), or rejects after `timeoutMs`.
 */
export async function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const ready = (): void => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', ready);
  });
}
