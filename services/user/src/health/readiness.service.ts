import { Injectable } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Readiness } from '@fitness/common';

@Injectable()
export class UserReadiness implements Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  check(): Promise<unknown> {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 1500 })]);
  }
}
