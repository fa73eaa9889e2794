import { Injectable } from '@nestjs/common';
import { HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import type { Readiness } from '@fitness/common';

@Injectable()
export class ActivityReadiness implements Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
  ) {}

  check(): Promise<unknown> {
    return this.health.check([() => this.mongo.pingCheck('mongodb', { timeout: 1500 })]);
  }
}
