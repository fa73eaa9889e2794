import { BaseEnv, IsServerSecret } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class UserEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  GRPC_PORT: number = 50051;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT: number = 9101;

  @IsString()
  @IsNotEmpty()
  DATABASE_URL: string;

  /** Profile cache and live goal-achieved alerts. */
  @IsString()
  @IsNotEmpty()
  REDIS_URL: string;

  /** A Redis command unanswered this long fails (the cache then reads from PostgreSQL). */
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS: number = 2000;

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
