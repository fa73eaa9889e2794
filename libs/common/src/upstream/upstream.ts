import { GrpcClient, type CallOptions, type RequestOf, type ResponseOf } from '../grpc/client.js';
import { ACTIVITY_PROTO, HEALTH_PROTO, USER_PROTO, type ProtoService } from '../grpc/proto.js';
import type {
  ActivityServiceDefinition,
  HealthDefinition,
  UserServiceDefinition,
} from '../grpc/services.js';
import { errorMessage } from '../errors/domain-errors.js';
import {
  CircuitBreakerPolicy,
  type BreakerOptions,
  type BreakerSnapshot,
} from './circuit-breaker.js';

/** An upstream gRPC service as every caller knows it, declared once. */
export interface UpstreamSpec<D extends object> {
  /** Short name for logs, metrics, breakers and /readyz. */
  readonly name: string;
  readonly proto: ProtoService;
  /** The environment variable holding its grpc-js target. */
  readonly targetEnv: 'USER_SERVICE_TARGET' | 'ACTIVITY_SERVICE_TARGET';
  /**
   * Methods grpc-js may retry on UNAVAILABLE: reads, and writes idempotent by design (keyed by
   * the caller's id). Every caller of the service shares this one list.
   */
  readonly retrySafe: readonly (keyof D & string)[];
}

/** Any upstream's spec (its method names widened to string). */
export type AnyUpstreamSpec = UpstreamSpec<never>;

export const USER_UPSTREAM: UpstreamSpec<UserServiceDefinition> = {
  name: 'user',
  proto: USER_PROTO,
  targetEnv: 'USER_SERVICE_TARGET',
  // RecordWorkout is idempotent per workout_id. ClaimGoalAlerts is not: a retry after a lost
  // answer would hand out (and lose) alerts already claimed.
  retrySafe: ['GetUser', 'ListGoals', 'RecordWorkout'],
};

export const ACTIVITY_UPSTREAM: UpstreamSpec<ActivityServiceDefinition> = {
  name: 'activity',
  proto: ACTIVITY_PROTO,
  targetEnv: 'ACTIVITY_SERVICE_TARGET',
  // SaveGroupSession is idempotent per session_id, ImportWorkouts per import_id.
  retrySafe: [
    'ListWorkouts',
    'GetStatistics',
    'GetStatisticsTrend',
    'GetLeaderboard',
    'ImportWorkouts',
    'GetGroupSession',
    'ListGroupSessions',
    'SaveGroupSession',
  ],
};

export interface UpstreamOptions {
  target: string;
  /** Signs this process's internal credential (ServiceTokenSigner). */
  credential: () => string;
  /** Default deadline of every call (GRPC_DEADLINE_MS). */
  deadlineMs: number;
  breaker: BreakerOptions;
}

/** What /readyz shows of an upstream: its own health answer and our breaker's state. */
export interface UpstreamHealth {
  serving: boolean;
  /** SERVING, NOT_SERVING, or UNREACHABLE when no instance answered. */
  status: string;
  breaker: BreakerSnapshot;
  /** Why it is unreachable, for logs. */
  error?: string;
}

/**
 * One upstream service: its client (round_robin over every instance, deadlines, retries of the
 * retry-safe methods), its circuit breaker, its health check and its shutdown, in one object.
 */
export class Upstream<D extends object> {
  readonly breaker: CircuitBreakerPolicy;
  private readonly client: GrpcClient<D>;
  private readonly healthClient: GrpcClient<HealthDefinition>;

  constructor(
    readonly spec: UpstreamSpec<D>,
    options: UpstreamOptions,
  ) {
    this.breaker = new CircuitBreakerPolicy(spec.name, options.breaker);
    this.client = new GrpcClient<D>(spec.proto, {
      name: spec.name,
      target: options.target,
      deadlineMs: options.deadlineMs,
      idempotentMethods: spec.retrySafe,
      policy: this.breaker,
      credential: options.credential,
    });
    this.healthClient = new GrpcClient<HealthDefinition>(HEALTH_PROTO, {
      name: `${spec.name}-health`,
      target: options.target,
      deadlineMs: 1000,
      credential: options.credential,
    });
  }

  get name(): string {
    return this.spec.name;
  }

  call<K extends keyof D & string>(
    method: K,
    request: RequestOf<D, K>,
    options?: CallOptions,
  ): Promise<ResponseOf<D, K>> {
    return this.client.call(method, request, options);
  }

  /** grpc.health.v1 straight to the service: readiness must see it, not our breaker's opinion. */
  async health(timeoutMs = 1000): Promise<UpstreamHealth> {
    const breaker = this.breaker.snapshot();
    try {
      const res = await this.healthClient.call(
        'Check',
        { service: '' },
        { deadlineMs: timeoutMs, waitForReady: true },
      );
      return { serving: res.status === 'SERVING', status: String(res.status), breaker };
    } catch (err) {
      return { serving: false, status: 'UNREACHABLE', breaker, error: errorMessage(err) };
    }
  }

  close(): void {
    this.client.close();
    this.healthClient.close();
    this.breaker.shutdown();
  }
}

export type UserUpstream = Upstream<UserServiceDefinition>;
export type ActivityUpstream = Upstream<ActivityServiceDefinition>;
