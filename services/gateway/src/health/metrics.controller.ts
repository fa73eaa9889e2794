import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsController } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';

/** The shared /metrics endpoint, reachable without a token (scrapers do not log in). */
@ApiExcludeController()
@Public()
@Controller()
export class GatewayMetricsController extends MetricsController {}
