import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { CircuitBreakerPolicy, REDIS, redisHealth } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';
import {
  ACTIVITY_BREAKER,
  ACTIVITY_HEALTH,
  USER_BREAKER,
  USER_HEALTH,
  type HealthClient,
} from '../upstream/upstream.module.js';

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
    @Inject(USER_BREAKER) private readonly userBreaker: CircuitBreakerPolicy,
    @Inject(ACTIVITY_BREAKER) private readonly activityBreaker: CircuitBreakerPolicy,
  ) {}

  /** Liveness: the process answers. Never depends on anything else. */
  @Get('healthz')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * Readiness: both upstream services answer (503 with the report otherwise), each with the state
   * of its circuit breaker. Redis only degrades the gateway (profiles then come from the user
   * service, rate limits fail open), so it reports `degraded`, never `down`.
   */
  @Get('readyz')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.grpcCheck('user', this.userHealth, this.userBreaker),
        () => this.grpcCheck('activity', this.activityHealth, this.activityBreaker),
        () => redisHealth(this.indicator, this.redis, PROBE_TIMEOUT_MS),
      ]);
    } catch (err) {
      // 503 with the report itself (which upstream, which breaker), not the API's error shape:
      // the reader is a probe or an operator.
      if (err instanceof ServiceUnavailableException) {
        void reply.status(503);
        return err.getResponse() as HealthCheckResult;
      }
      throw err;
    }
  }

  /** The health probe bypasses the breaker: readiness must see the upstream, not our opinion of it. */
  private async grpcCheck(
    key: string,
    client: HealthClient,
    breaker: CircuitBreakerPolicy,
  ): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    const { state, retry_after_s } = breaker.snapshot();
    const report = { breaker: state, ...(retry_after_s === undefined ? {} : { retry_after_s }) };
    try {
      const res = await client.call('Check', { service: '' }, { deadlineMs: PROBE_TIMEOUT_MS });
      return res.status === 'SERVING'
        ? session.up(report)
        : session.down({ ...report, status_reported: res.status });
    } catch (err) {
      return session.down({ ...report, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
