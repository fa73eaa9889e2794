import { Controller, Get, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';

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
  ready(): Promise<unknown> {
    return this.readiness.check();
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
