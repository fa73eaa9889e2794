import { GrpcClientEnv, withGrpcServerPorts } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** REDIS_URL (BaseEnv) holds the leaderboards, rebuildable from MONGO_URL's counters. */
export class ActivityEnv extends withGrpcServerPorts(GrpcClientEnv, {
  GRPC_PORT: 50061,
  METRICS_PORT: 9111,
}) {
  @IsString()
  @IsNotEmpty()
  MONGO_URL: string;

  /** How often workouts whose goal progress could not be recorded are retried. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  PROGRESS_RETRY_MS: number = 5000;
}
