import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';

let defaultsStarted = false;

/** Process metrics (CPU, memory, event loop, GC), labelled with the service name. Idempotent. */
export function startDefaultMetrics(service: string): void {
  if (defaultsStarted) {
    return;
  }
  defaultsStarted = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
