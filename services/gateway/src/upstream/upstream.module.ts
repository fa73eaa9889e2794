import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ACTIVITY_PROTO,
  CircuitBreakerPolicy,
  GrpcClient,
  breakerOptionsFrom,
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
/** One circuit breaker per upstream service, shared by all its methods. */
export const USER_BREAKER = Symbol('USER_BREAKER');
export const ACTIVITY_BREAKER = Symbol('ACTIVITY_BREAKER');
export type UserClient = GrpcClient<UserServiceDefinition>;
export type ActivityClient = GrpcClient<ActivityServiceDefinition>;
export type HealthClient = GrpcClient<HealthDefinition>;

type Env = ConfigService<GatewayEnv, true>;

function breaker(upstream: string, config: Env): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(upstream, breakerOptionsFrom(config));
}

@Global()
@Module({
  providers: [
    {
      provide: USER_BREAKER,
      inject: [ConfigService],
      useFactory: (config: Env): CircuitBreakerPolicy => breaker('user', config),
    },
    {
      provide: ACTIVITY_BREAKER,
      inject: [ConfigService],
      useFactory: (config: Env): CircuitBreakerPolicy => breaker('activity', config),
    },
    {
      provide: USER_CLIENT,
      inject: [ConfigService, USER_BREAKER],
      useFactory: (config: Env, policy: CircuitBreakerPolicy): UserClient =>
        new GrpcClient(USER_PROTO, {
          name: 'user',
          target: config.get('USER_SERVICE_TARGET'),
          deadlineMs: config.get('GRPC_DEADLINE_MS'),
          idempotentMethods: ['GetUser', 'ListGoals'],
          policy,
        }),
    },
    {
      provide: ACTIVITY_CLIENT,
      inject: [ConfigService, ACTIVITY_BREAKER],
      useFactory: (config: Env, policy: CircuitBreakerPolicy): ActivityClient =>
        new GrpcClient(ACTIVITY_PROTO, {
          name: 'activity',
          target: config.get('ACTIVITY_SERVICE_TARGET'),
          deadlineMs: config.get('GRPC_DEADLINE_MS'),
          idempotentMethods: ['ListWorkouts', 'GetStatistics'],
          policy,
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
  exports: [
    USER_CLIENT,
    ACTIVITY_CLIENT,
    USER_HEALTH,
    ACTIVITY_HEALTH,
    USER_BREAKER,
    ACTIVITY_BREAKER,
  ],
})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(
    @Inject(USER_CLIENT) private readonly user: UserClient,
    @Inject(ACTIVITY_CLIENT) private readonly activity: ActivityClient,
    @Inject(USER_HEALTH) private readonly userHealth: HealthClient,
    @Inject(ACTIVITY_HEALTH) private readonly activityHealth: HealthClient,
    @Inject(USER_BREAKER) private readonly userBreaker: CircuitBreakerPolicy,
    @Inject(ACTIVITY_BREAKER) private readonly activityBreaker: CircuitBreakerPolicy,
  ) {}

  onApplicationShutdown(): void {
    for (const client of [this.user, this.activity, this.userHealth, this.activityHealth]) {
      client.close();
    }
    this.userBreaker.shutdown();
    this.activityBreaker.shutdown();
  }
}
