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
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  REDIS,
  USER_UPSTREAM,
  redisHealth,
  type ActivityUpstream,
  type UserUpstream,
} from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';

const PROBE_TIMEOUT_MS = 1000;

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectUpstream(USER_UPSTREAM) private readonly user: UserUpstream,
    @InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream,
    @Inject(REDIS) private readonly redis: Redis,
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
        () => this.upstreamCheck(this.user),
        () => this.upstreamCheck(this.activity),
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

  private async upstreamCheck(
    upstream: UserUpstream | ActivityUpstream,
  ): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(upstream.name);
    const { serving, status, breaker, error } = await upstream.health(PROBE_TIMEOUT_MS);
    const report = {
      breaker: breaker.state,
      ...(breaker.retry_after_s === undefined ? {} : { retry_after_s: breaker.retry_after_s }),
    };
    if (serving) {
      return session.up(report);
    }
    return session.down(
      error === undefined ? { ...report, status_reported: status } : { ...report, message: error },
    );
  }
}
