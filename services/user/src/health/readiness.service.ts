import { Inject, Injectable } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS, redisHealth, type Readiness } from '@fitness/common';

@Injectable()
export class UserReadiness implements Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** PostgreSQL must answer; Redis (the profile cache) only degrades the service when away. */
  check(): Promise<unknown> {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => redisHealth(this.indicator, this.redis),
    ]);
  }
}
