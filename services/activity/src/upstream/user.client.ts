import { ConfigService } from '@nestjs/config';
import type { Provider } from '@nestjs/common';
import {
  CircuitBreakerPolicy,
  GrpcClient,
  USER_PROTO,
  breakerOptionsFrom,
  type UserServiceDefinition,
} from '@fitness/common';
import type { ActivityEnv } from '../config/env.dto.js';

export const USER_CLIENT = Symbol('USER_CLIENT');
export type UserClient = GrpcClient<UserServiceDefinition>;

export const userClientProvider: Provider = {
  provide: USER_CLIENT,
  inject: [ConfigService],
  useFactory: (config: ConfigService<ActivityEnv, true>): UserClient =>
    new GrpcClient<UserServiceDefinition>(USER_PROTO, {
      name: 'user',
      target: config.get('USER_SERVICE_TARGET'),
      deadlineMs: config.get('GRPC_DEADLINE_MS'),
      idempotentMethods: ['GetUser', 'RecordWorkout'],
      policy: new CircuitBreakerPolicy('user', breakerOptionsFrom(config)),
    }),
};
