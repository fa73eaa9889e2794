import type { ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { envValidator } from './config.js';
import { LoggingModule } from './logging/logger.js';
import { RedisModule } from './redis/redis.module.js';

/**
 * What the AppModule of every service imports first: its environment, checked against `env` at
 * start-up (a global, cached ConfigService), pino logging, Terminus (its own logger off: failed
 * checks are answered, not logged) and the global Redis client.
 */
export function serviceFoundation(env: new () => object): NonNullable<ModuleMetadata['imports']> {
  return [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: envValidator(env) }),
    LoggingModule,
    TerminusModule.forRoot({ logger: false }),
    RedisModule,
  ];
}
