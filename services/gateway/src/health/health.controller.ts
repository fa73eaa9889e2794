import { Controller, Get, Inject, Res } from '@nestjs/common';
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
  readinessAnswer,
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
    // 503 with the report itself (which upstream, which breaker), not the API's error shape:
    // the reader is a probe or an operator.
    return readinessAnswer(reply, () =>
      this.health.check([
        () => this.upstreamCheck(this.user),
        () => this.upstreamCheck(this.activity),
        () => redisHealth(this.indicator, this.redis, PROBE_TIMEOUT_MS),
      ]),
    );
  }

  private async upstreamCheck(
    upstream: UserUpstream | ActivityUpstream,
  ): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(upstream.name);
    const { serving, status, breaker } = await upstream.health(PROBE_TIMEOUT_MS);
    const report = {
      state: status,
      breaker: breaker.state,
      ...(breaker.retry_after_s === undefined ? {} : { retry_after_s: breaker.retry_after_s }),
    };
    return serving ? session.up(report) : session.down(report);
  }
}
