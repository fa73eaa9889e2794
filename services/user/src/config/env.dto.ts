import { BaseEnv, IsServerSecret, withGrpcServerPorts } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** REDIS_URL (BaseEnv) holds the profile cache (a failed command reads from PostgreSQL). */
export class UserEnv extends withGrpcServerPorts(BaseEnv, {
  GRPC_PORT: 50051,
  METRICS_PORT: 9101,
}) {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL: string;

  /** Lifetime of a cached profile; bounds staleness should an invalidation ever be lost. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  PROFILE_CACHE_TTL_S: number = 300;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE: number = 10;

  /** Longest a single SQL statement may run (PostgreSQL statement_timeout). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS: number = 5000;

  /** Signs (user) and checks (gateway) the API's bearer tokens. */
  @IsServerSecret()
  JWT_SECRET: string;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  JWT_EXPIRES_IN: number = 3600;
}
