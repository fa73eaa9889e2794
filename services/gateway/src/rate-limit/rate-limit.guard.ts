import {
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REDIS, ResourceExhaustedError, errorMessage } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';

export type RateLimitedAction = 'login' | 'register';

const RATE_LIMIT_ACTION = 'rateLimit:action';
const WINDOW_SECONDS = 60;
/** A store slower than this counts as down: the request goes through (fail open). */
const STORE_TIMEOUT_MS = 250;

const rejections = new Counter({
  name: 'rate_limit_rejections_total',
  help: 'Requests refused with 429, by action and limit (ip or account)',
  labelNames: ['action', 'limit'] as const,
});

/** Limits the route per client IP (and, for login, per account) across every gateway replica. */
export const RateLimit = (action: RateLimitedAction): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT_ACTION, action), UseGuards(RateLimitGuard));

interface Check {
  limit: 'ip' | 'account';
  limiter: RateLimiterRedis;
  key: string;
}

/**
 * Fixed one-minute windows counted in Redis, so the limits hold however many replicas serve the
 * client. Every attempt counts, successful or not: the point is to slow down password guessing
 * (per account, from many IPs) and credential stuffing or mass sign-ups (per IP). With Redis away
 * the request is allowed and the outage logged: a login outage would be worse than a minute of
 * unthrottled guessing against argon2id.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly loginPerIp: RateLimiterRedis;
  private readonly loginPerAccount: RateLimiterRedis;
  private readonly registerPerIp: RateLimiterRedis;
  private storeDown = false;

  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) redis: Redis,
    config: ConfigService<GatewayEnv, true>,
  ) {
    const limiter = (name: string, points: number): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `ratelimit:v1:${name}`,
        points,
        duration: WINDOW_SECONDS,
        // Fail at once while disconnected instead of waiting on a dead connection.
        rejectIfRedisNotReady: true,
      });
    this.loginPerIp = limiter('login-ip', config.get('RATE_LIMIT_LOGIN_PER_IP'));
    this.loginPerAccount = limiter('login-account', config.get('RATE_LIMIT_LOGIN_PER_ACCOUNT'));
    this.registerPerIp = limiter('register-ip', config.get('RATE_LIMIT_REGISTER_PER_IP'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<RateLimitedAction | undefined>(
      RATE_LIMIT_ACTION,
      context.getHandler(),
    );
    if (!action) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const results = await Promise.all(
      this.checks(action, request).map(async (check) => ({
        check,
        waitMs: await this.consume(check),
      })),
    );
    const refused = results.filter((r) => r.waitMs !== undefined);
    if (refused.length === 0) {
      return true;
    }
    for (const r of refused) {
      rejections.inc({ action, limit: r.check.limit });
    }
    const seconds = Math.max(1, ...refused.map((r) => Math.ceil((r.waitMs ?? 0) / 1000)));
    throw new ResourceExhaustedError(`too many ${action} attempts: retry in ${seconds} s`, seconds);
  }

  private checks(action: RateLimitedAction, request: FastifyRequest): Check[] {
    const ip = request.ip;
    if (action === 'register') {
      return [{ limit: 'ip', limiter: this.registerPerIp, key: ip }];
    }
    const checks: Check[] = [{ limit: 'ip', limiter: this.loginPerIp, key: ip }];
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email === 'string' && email.length > 0 && email.length <= 320) {
      // The user service matches emails case-insensitively: so does the limit.
      checks.push({
        limit: 'account',
        limiter: this.loginPerAccount,
        key: email.trim().toLowerCase(),
      });
    }
    return checks;
  }

  /** Milliseconds to wait when over the limit; undefined when allowed (or the store is down). */
  private async consume(check: Check): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check.limiter.consume(check.key),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('redis timed out')), STORE_TIMEOUT_MS);
        }),
      ]);
      this.storeDown = false;
      return undefined;
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        this.storeDown = false;
        return err.msBeforeNext;
      }
      if (!this.storeDown) {
        this.storeDown = true;
        this.logger.warn(
          `rate limits not enforced while redis is unreachable (failing open): ${errorMessage(err)}`,
        );
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
