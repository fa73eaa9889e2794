import { Module } from '@nestjs/common';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { LeaderboardController } from './leaderboard.controller.js';

/**
 * Leaderboards by workouts, duration and calories per week, month and all time: Redis sorted sets
 * the statistics set as workouts end (StatisticsService.addOnce), read here.
 */
@Module({
  imports: [StatisticsModule],
  controllers: [LeaderboardController],
})
export class LeaderboardModule {}
