import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ACTIVITY_UPSTREAM,
  USER_UPSTREAM,
  UpstreamModule,
  serviceFoundation,
} from '@fitness/common';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { GatewayEnv } from './config/env.dto.js';
import { GoalAlertsModule } from './goal-alerts/goal-alerts.module.js';
import { GoalController } from './goal/goal.controller.js';
import { GroupSessionModule } from './group-session/group-session.module.js';
import { HealthController } from './health/health.controller.js';
import { GatewayMetricsController } from './health/metrics.controller.js';
import { LeaderboardController } from './leaderboard/leaderboard.controller.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { UserController } from './user/user.controller.js';
import { WorkoutController } from './workout/workout.controller.js';

@Module({
  imports: [
    ...serviceFoundation(GatewayEnv),
    AuthModule,
    UpstreamModule.forRoot('gateway', [USER_UPSTREAM, ACTIVITY_UPSTREAM]),
    GroupSessionModule,
    GoalAlertsModule,
  ],
  controllers: [
    UserController,
    GoalController,
    WorkoutController,
    StatisticsController,
    LeaderboardController,
    HealthController,
    GatewayMetricsController,
  ],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AppModule {}
