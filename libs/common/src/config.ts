import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  validateSync,
  type ValidationOptions,
} from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Secrets this repository has ever shipped as examples: public, so never accepted. */
const PUBLISHED_SECRETS = new Set([
  'dev-only-jwt-secret-change-me-0123456789abcdef',
  'dev-only-jwt-secret-replace-in-real-deployments-0123456789',
]);
const PLACEHOLDER = /change[-_ ]?me|dev[-_]only|replace[-_]in|example|placeholder|^(.)\1*$/i;
export const SECRET_MIN_LENGTH = 32;

/** Why a server secret is unsafe to run with, or undefined. */
export function weakSecretReason(value: string): string | undefined {
  if (value.length < SECRET_MIN_LENGTH) {
    return `must be at least ${SECRET_MIN_LENGTH} characters`;
  }
  if (PUBLISHED_SECRETS.has(value) || PLACEHOLDER.test(value)) {
    return 'is a published or placeholder value: generate one (e.g. openssl rand -hex 32)';
  }
  if (new Set(value).size < 10) {
    return 'has too few distinct characters to be a secret';
  }
  return undefined;
}

/**
 * A secret that signs tokens (JWT_SECRET, INTERNAL_TOKEN_SECRET): refused at start-up when short,
 * published or a placeholder, unless ALLOW_INSECURE_SECRETS=true (local experiments only), so no
 * install runs with a secret anyone can read in this repository.
 */
export function IsServerSecret(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isServerSecret',
      validator: {
        validate: (value: unknown, args) =>
          typeof value === 'string' &&
          ((args?.object as { ALLOW_INSECURE_SECRETS?: string }).ALLOW_INSECURE_SECRETS === 'true'
            ? value.length > 0
            : weakSecretReason(value) === undefined),
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.property} ${weakSecretReason(args.value) ?? 'is empty'}`
            : `${args?.property ?? 'secret'} is required`,
      },
    },
    options,
  );
}

/** Variables every service reads. */
export class BaseEnv {
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';

  /** From SIGTERM to exit at most; below Kubernetes' 30 s terminationGracePeriodSeconds. */
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(25_000)
  SHUTDOWN_GRACE_MS: number = 10_000;

  /** Signs and checks the credential of every service-to-service gRPC call. */
  @IsServerSecret()
  INTERNAL_TOKEN_SECRET: string;

  /** `true` lets a short or published secret through: for throwaway local experiments only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  ALLOW_INSECURE_SECRETS: 'true' | 'false' = 'false';

  /** gateway: rate limits, sessions; user: profile cache, goal alerts; activity: leaderboards. */
  @IsString()
  @IsNotEmpty()
  REDIS_URL: string;

  /** A Redis command unanswered this long fails (the caller degrades or answers UNAVAILABLE). */
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS: number = 2000;
}

/**
 * Adds the ports of a gRPC service (user, activity), which runGrpcService listens on, to its
 * environment class, with that service's defaults.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any[] (TS2545)
export function withGrpcServerPorts<B extends new (...args: any[]) => BaseEnv>(
  Base: B,
  defaults: { GRPC_PORT: number; METRICS_PORT: number },
) {
  class GrpcServerEnv extends Base {
    @IsOptional()
    @IsInt()
    @Min(1)
    @Max(65535)
    GRPC_PORT: number = defaults.GRPC_PORT;

    /** /healthz, /readyz and /metrics. */
    @IsOptional()
    @IsInt()
    @Min(1)
    @Max(65535)
    METRICS_PORT: number = defaults.METRICS_PORT;
  }
  return GrpcServerEnv;
}

/** Variables of every service that calls others over gRPC (gateway, activity). */
export class GrpcClientEnv extends BaseEnv {
  /** grpc-js target of the user service, e.g. ipv4:127.0.0.1:50051,127.0.0.1:50052. */
  @IsString()
  @IsNotEmpty()
  USER_SERVICE_TARGET: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  GRPC_DEADLINE_MS: number = 3000;

  /** Circuit breaker per upstream: failures within the window that open it. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  BREAKER_THRESHOLD: number = 3;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  BREAKER_WINDOW_MS: number = 10_000;

  /** How long an open breaker fails fast before its half-open trial call. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  BREAKER_RESET_MS: number = 5000;
}

/**
 * Builds a `validate` function for ConfigModule.forRoot: converts and checks the environment with
 * class-validator and fails start-up with a message naming every bad variable (never its value).
 */
export function envValidator<T extends object>(
  cls: new () => T,
): (raw: Record<string, unknown>) => T {
  return (raw) => {
    const env = plainToInstance(cls, raw, { enableImplicitConversion: true });
    const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
    if (errors.length > 0) {
      const lines = errors.map(
        (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`,
      );
      throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
    }
    return env;
  };
}
