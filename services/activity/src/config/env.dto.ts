import { GrpcClientEnv } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class ActivityEnv extends GrpcClientEnv {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  GRPC_PORT: number = 50061;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT: number = 9111;

  @IsString()
  @IsNotEmpty()
  MONGO_URL: string;

  /** Leaderboards (sorted sets, rebuildable from MONGO_URL's counters). */
  @IsString()
  @IsNotEmpty()
  REDIS_URL: string;

  /** A Redis command unanswered this long fails (leaderboards are then updated later). */
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS: number = 2000;

  /** How often workouts whose goal progress could not be recorded are retried. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  PROGRESS_RETRY_MS: number = 5000;
}
