import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';
import { ACTIVITY_HEALTH, USER_HEALTH, type HealthClient } from '../upstream/upstream.module.js';

const PROBE_TIMEOUT_MS = 1000;

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(USER_HEALTH) private readonly userHealth: HealthClient,
    @Inject(ACTIVITY_HEALTH) private readonly activityHealth: HealthClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. Never depends on anything else. */
  @Get('healthz')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: both upstream services and Redis answer (503 with the report otherwise). */
  @Get('readyz')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.grpcCheck('user', this.userHealth),
      () => this.grpcCheck('activity', this.activityHealth),
      () => this.redisCheck(),
    ]);
  }

  private async grpcCheck(key: string, client: HealthClient): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      const res = await client.call('Check', { service: '' }, { deadlineMs: PROBE_TIMEOUT_MS });
      return res.status === 'SERVING'
        ? session.up()
        : session.down({ status_reported: res.status });
    } catch (err) {
      return session.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async redisCheck(): Promise<HealthIndicatorResult> {
    const session = this.indicator.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('ping timed out')), PROBE_TIMEOUT_MS).unref(),
        ),
      ]);
      return session.up();
    } catch (err) {
      return session.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
