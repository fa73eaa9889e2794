import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import {
  GrpcHealthController,
  HealthController,
  MetricsController,
  READINESS,
  USER_UPSTREAM,
  UpstreamModule,
  serviceFoundation,
} from '@fitness/common';
import { ActivityEnv } from './config/env.dto.js';
import { GroupSessionModule } from './group-session/group-session.module.js';
import { ActivityReadiness } from './health/readiness.service.js';
import { LeaderboardModule } from './leaderboard/leaderboard.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { WorkoutModule } from './workout/workout.module.js';

@Module({
  imports: [
    ...serviceFoundation(ActivityEnv),
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ActivityEnv, true>) => ({
        uri: config.get('MONGO_URL'),
        serverSelectionTimeoutMS: 5000,
        retryAttempts: 20,
        retryDelay: 1000,
      }),
    }),
    UpstreamModule.forRoot('activity', [USER_UPSTREAM]),
    WorkoutModule,
    StatisticsModule,
    GroupSessionModule,
    LeaderboardModule,
  ],
  controllers: [HealthController, GrpcHealthController, MetricsController],
  providers: [{ provide: READINESS, useClass: ActivityReadiness }],
})
export class AppModule {}
