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
  validateSync,
} from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

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
