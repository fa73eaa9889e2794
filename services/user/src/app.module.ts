import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  GrpcHealthController,
  HealthController,
  MetricsController,
  READINESS,
  serviceFoundation,
} from '@fitness/common';
import { UserEnv } from './config/env.dto.js';
import { dataSourceOptions } from './database/data-source.js';
import { GoalModule } from './goal/goal.module.js';
import { UserReadiness } from './health/readiness.service.js';
import { UserModule } from './user/user.module.js';

@Module({
  imports: [
    ...serviceFoundation(UserEnv),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<UserEnv, true>) => ({
        ...dataSourceOptions(
          config.get('DATABASE_URL'),
          config.get('DB_POOL_SIZE'),
          config.get('DB_STATEMENT_TIMEOUT_MS'),
        ),
        retryAttempts: 20,
        retryDelay: 1000,
      }),
    }),
    UserModule,
    GoalModule,
  ],
  controllers: [HealthController, GrpcHealthController, MetricsController],
  providers: [{ provide: READINESS, useClass: UserReadiness }],
})
export class AppModule {}
