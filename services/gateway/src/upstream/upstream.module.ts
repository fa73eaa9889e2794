import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ACTIVITY_PROTO,
  GrpcClient,
  HEALTH_PROTO,
  USER_PROTO,
  type ActivityServiceDefinition,
  type HealthDefinition,
  type UserServiceDefinition,
} from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';

export const USER_CLIENT = Symbol('USER_CLIENT');
export const ACTIVITY_CLIENT = Symbol('ACTIVITY_CLIENT');
export const USER_HEALTH = Symbol('USER_HEALTH');
export const ACTIVITY_HEALTH = Symbol('ACTIVITY_HEALTH');
export type UserClient = GrpcClient<UserServiceDefinition>;
export type ActivityClient = GrpcClient<ActivityServiceDefinition>;
export type HealthClient = GrpcClient<HealthDefinition>;

type Env = ConfigService<GatewayEnv, true>;

@Global()
@Module({
  providers: [
    {
      provide: USER_CLIENT,
      inject: [ConfigService],
      useFactory: (config: Env): UserClient =>
        new GrpcClient(USER_PROTO, {
          name: 'user',
          target: config.get('USER_SERVICE_TARGET'),
          deadlineMs: config.get('GRPC_DEADLINE_MS'),
          idempotentMethods: ['GetUser', 'ListGoals'],
        }),
    },
    {
      provide: ACTIVITY_CLIENT,
      inject: [ConfigService],
      useFactory: (config: Env): ActivityClient =>
        new GrpcClient(ACTIVITY_PROTO, {
          name: 'activity',
          target: config.get('ACTIVITY_SERVICE_TARGET'),
          deadlineMs: config.get('GRPC_DEADLINE_MS'),
          idempotentMethods: ['ListWorkouts', 'GetStatistics'],
        }),
    },
    {
      provide: USER_HEALTH,
      inject: [ConfigService],
      useFactory: (config: Env): HealthClient =>
        new GrpcClient(HEALTH_PROTO, {
          name: 'user-health',
          target: config.get('USER_SERVICE_TARGET'),
          deadlineMs: 1000,
        }),
    },
    {
      provide: ACTIVITY_HEALTH,
      inject: [ConfigService],
      useFactory: (config: Env): HealthClient =>
        new GrpcClient(HEALTH_PROTO, {
          name: 'activity-health',
          target: config.get('ACTIVITY_SERVICE_TARGET'),
          deadlineMs: 1000,
        }),
    },
  ],
  exports: [USER_CLIENT, ACTIVITY_CLIENT, USER_HEALTH, ACTIVITY_HEALTH],
})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(
    @Inject(USER_CLIENT) private readonly user: UserClient,
    @Inject(ACTIVITY_CLIENT) private readonly activity: ActivityClient,
    @Inject(USER_HEALTH) private readonly userHealth: HealthClient,
    @Inject(ACTIVITY_HEALTH) private readonly activityHealth: HealthClient,
  ) {}

  onApplicationShutdown(): void {
    for (const client of [this.user, this.activity, this.userHealth, this.activityHealth]) {
      client.close();
    }
  }
}
