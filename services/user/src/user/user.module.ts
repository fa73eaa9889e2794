import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtCodec, LeaderboardStore } from '@fitness/common';
import type { UserEnv } from '../config/env.dto.js';
import { PasswordService } from './password.service.js';
import { UserController } from './user.controller.js';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { UserService } from './user.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UserController],
  providers: [
    UserRepository,
    UserService,
    PasswordService,
    LeaderboardStore,
    {
      provide: JwtCodec,
      inject: [ConfigService],
      useFactory: (config: ConfigService<UserEnv, true>) =>
        new JwtCodec(config.get('JWT_SECRET'), config.get('JWT_EXPIRES_IN')),
    },
  ],
  exports: [UserService],
})
export class UserModule {}
