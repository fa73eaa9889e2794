import type { ModuleMetadata, Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { envValidator } from './config.js';
import { GrpcHealthController, HealthController, READINESS, type Readiness } from './health.js';
import { LoggingModule } from './logging/logger.js';
import { MetricsController } from './metrics.js';
import { RedisModule } from './redis/redis.module.js';

type Imports = NonNullable<ModuleMetadata['imports']>;

/**
 * What the AppModule of every service imports first: its environment, checked against `env` at
 * start-up (a global, cached ConfigService), pino logging, Terminus (its own logger off: failed
 * checks are answered, not logged) and the global Redis client.
 */
export function serviceFoundation(env: new () => object): Imports {
  return [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: envValidator(env) }),
    LoggingModule,
    TerminusModule.forRoot({ logger: false }),
    RedisModule,
  ];
}

/**
 * The AppModule of a gRPC service (user, activity): the foundation, the service's own `imports`
 * (its database, its features), and the probes beside its gRPC port: HTTP /healthz and /readyz,
 * gRPC Health/Check and /metrics, all asking `readiness` (its own stores, not its peers).
 */
export function grpcServiceModule(
  env: new () => object,
  readiness: Type<Readiness>,
  imports: Imports,
): ModuleMetadata {
  return {
    imports: [...serviceFoundation(env), ...imports],
    controllers: [HealthController, GrpcHealthController, MetricsController],
    providers: [{ provide: READINESS, useClass: readiness }],
  };
}

/**
 * The `forRootAsync` options of a service's database module (TypeORM, Mongoose): the connection
 * options built from the checked environment, tried 20 times a second apart at start-up while the
 * database comes up.
 */
export function databaseOptions<E, T extends object>(build: (config: ConfigService<E, true>) => T) {
  return {
    inject: [ConfigService],
    useFactory: (config: ConfigService<E, true>) => ({
      ...build(config),
      retryAttempts: 20,
      retryDelay: 1000,
    }),
  };
}
