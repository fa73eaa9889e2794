import { Module } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions, grpcServiceModule } from '@fitness/common';
import { UserEnv } from './config/env.dto.js';
import { dataSourceOptions } from './database/data-source.js';
import { GoalModule } from './goal/goal.module.js';
import { UserReadiness } from './health/readiness.service.js';
import { UserModule } from './user/user.module.js';

@Module(
  grpcServiceModule(UserEnv, UserReadiness, [
    TypeOrmModule.forRootAsync(
      databaseOptions((config: ConfigService<UserEnv, true>) =>
        dataSourceOptions(
          config.get('DATABASE_URL'),
          config.get('DB_POOL_SIZE'),
          config.get('DB_STATEMENT_TIMEOUT_MS'),
        ),
      ),
    ),
    UserModule,
    GoalModule,
  ]),
)
export class AppModule {}
