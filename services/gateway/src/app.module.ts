import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { RedisModule, envValidator } from '@fitness/common';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { GatewayEnv } from './config/env.dto.js';
import { GoalController } from './goal/goal.controller.js';
import { HealthController } from './health/health.controller.js';
import { GatewayMetricsController } from './health/metrics.controller.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { UpstreamModule } from './upstream/upstream.module.js';
import { UserController } from './user/user.controller.js';
import { WorkoutController } from './workout/workout.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: envValidator(GatewayEnv) }),
    TerminusModule.forRoot({ logger: false }),
    AuthModule,
    UpstreamModule,
    RedisModule,
    RealtimeModule,
  ],
  controllers: [
    UserController,
    GoalController,
    WorkoutController,
    HealthController,
    GatewayMetricsController,
  ],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AppModule {}
