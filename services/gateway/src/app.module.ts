import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { JwtCodec, RedisModule, envValidator } from '@fitness/common';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { GatewayEnv } from './config/env.dto.js';
import { GoalController } from './goal/goal.controller.js';
import { HealthController } from './health/health.controller.js';
import { GatewayMetricsController } from './health/metrics.controller.js';
import { UpstreamModule } from './upstream/upstream.module.js';
import { UserController } from './user/user.controller.js';
import { WorkoutController } from './workout/workout.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: envValidator(GatewayEnv) }),
    TerminusModule.forRoot({ logger: false }),
    UpstreamModule,
    RedisModule,
  ],
  controllers: [
    UserController,
    GoalController,
    WorkoutController,
    HealthController,
    GatewayMetricsController,
  ],
  providers: [
    {
      provide: JwtCodec,
      inject: [ConfigService],
      // Only verifies here; the TTL applies to signing, which the user service does.
      useFactory: (config: ConfigService<GatewayEnv, true>) =>
        new JwtCodec(config.get('JWT_SECRET'), 3600),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AppModule {}
