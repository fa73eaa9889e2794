import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { requireUuid, type ActivityRequest } from '@fitness/common';
import {
  StatisticsService,
  type StatisticsMessage,
  type TrendMessage,
} from './statistics.service.js';

@Controller()
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @GrpcMethod('ActivityService', 'GetStatistics')
  getStatistics(req: ActivityRequest<'GetStatistics'>): Promise<StatisticsMessage> {
    return this.statistics.get(requireUuid(req.user_id, 'user_id'));
  }

  @GrpcMethod('ActivityService', 'GetStatisticsTrend')
  getStatisticsTrend(req: ActivityRequest<'GetStatisticsTrend'>): Promise<TrendMessage> {
    requireUuid(req.user_id, 'user_id');
    return this.statistics.trend(req);
  }
}
