import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LeaderboardStore } from '@fitness/common';
import { CoordinationModule } from '../coordination/coordination.module.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsRepository } from './statistics.repository.js';
import {
  StatisticsBucket,
  StatisticsBucketSchema,
  UserStatistics,
  UserStatisticsSchema,
} from './statistics.schema.js';
import { StatisticsService } from './statistics.service.js';

/** Per-user statistics: a record and day/week/month buckets, updated once per ended workout. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: UserStatistics.name, schema: UserStatisticsSchema },
      { name: StatisticsBucket.name, schema: StatisticsBucketSchema },
    ]),
    CoordinationModule,
  ],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsService, LeaderboardStore],
  exports: [StatisticsService, StatisticsRepository, LeaderboardStore],
})
export class StatisticsModule {}
