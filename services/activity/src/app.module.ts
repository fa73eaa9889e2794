import { Module } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { USER_UPSTREAM, UpstreamModule, databaseOptions, grpcServiceModule } from '@fitness/common';
import { ActivityEnv } from './config/env.dto.js';
import { GroupSessionModule } from './group-session/group-session.module.js';
import { ActivityReadiness } from './health/readiness.service.js';
import { LeaderboardModule } from './leaderboard/leaderboard.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { WorkoutModule } from './workout/workout.module.js';

@Module(
  grpcServiceModule(ActivityEnv, ActivityReadiness, [
    MongooseModule.forRootAsync(
      databaseOptions((config: ConfigService<ActivityEnv, true>) => ({
        uri: config.get('MONGO_URL'),
        serverSelectionTimeoutMS: 5000,
      })),
    ),
    UpstreamModule.forRoot('activity', [USER_UPSTREAM]),
    WorkoutModule,
    StatisticsModule,
    GroupSessionModule,
    LeaderboardModule,
  ]),
)
export class AppModule {}
