import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';

export const READINESS = Symbol('READINESS');

/** What a service checks before it calls itself ready (its own database, not its peers). */
export interface Readiness {
  /** Resolves with a report when ready; throws (HTTP 503 with the report) when not. */
  check(): Promise<unknown>;
}

/** HTTP probes beside the gRPC port: /healthz (alive) and /readyz (can serve). */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS) private readonly readiness: Readiness) {}

  @Get('healthz')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return readinessAnswer(reply, () => this.readiness.check() as Promise<HealthCheckResult>);
  }
}

/** Keys of a health detail that name a state; anything else (error texts, addresses) is dropped. */
const STATE_KEYS = new Set(['status', 'state', 'breaker', 'retry_after_s']);

/**
 * What /readyz shows: each dependency's state (`up`, `down`, `degraded`, breaker state…), never
 * the error texts behind them, which can carry addresses and driver messages.
 */
export function statesOnly(result: HealthCheckResult): HealthCheckResult {
  const strip = (section?: object) =>
    section &&
    Object.fromEntries(
      Object.entries(section as Record<string, object>).map(([name, detail]) => [
        name,
        Object.fromEntries(Object.entries(detail).filter(([k]) => STATE_KEYS.has(k))),
      ]),
    );
  return {
    status: result.status,
    ...(result.info ? { info: strip(result.info) } : {}),
    ...(result.error ? { error: strip(result.error) } : {}),
    details: strip(result.details) ?? {},
  } as HealthCheckResult;
}

/** Runs a terminus check: 200 with the states, or 503 with them (a report for probes and people). */
export async function readinessAnswer(
  reply: FastifyReply,
  check: () => Promise<HealthCheckResult>,
): Promise<HealthCheckResult> {
  try {
    return statesOnly(await check());
  } catch (err) {
    if (err instanceof ServiceUnavailableException) {
      void reply.status(503);
      return statesOnly(err.getResponse() as HealthCheckResult);
    }
    throw err;
  }
}

/** grpc.health.v1.Health/Check, for Kubernetes' native grpc probes and client health checks. */
@Controller()
export class GrpcHealthController {
  constructor(@Inject(READINESS) private readonly readiness: Readiness) {}

  @GrpcMethod('Health', 'Check')
  async check(): Promise<{ status: 'SERVING' | 'NOT_SERVING' }> {
    try {
      await this.readiness.check();
      return { status: 'SERVING' };
    } catch {
      return { status: 'NOT_SERVING' };
    }
  }
}
