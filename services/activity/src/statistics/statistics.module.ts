import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CoordinationModule } from '../coordination/coordination.module.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsRepository } from './statistics.repository.js';
import { UserStatistics, UserStatisticsSchema } from './statistics.schema.js';
import { StatisticsService } from './statistics.service.js';

/** Per-user statistics records, updated once per ended workout: O(1) reads. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: UserStatistics.name, schema: UserStatisticsSchema }]),
    CoordinationModule,
  ],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
