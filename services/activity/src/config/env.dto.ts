import { BaseEnv } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class ActivityEnv extends BaseEnv {
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

  /** grpc-js target of the user service, e.g. ipv4:127.0.0.1:50051,127.0.0.1:50052. */
  @IsString()
  @IsNotEmpty()
  USER_SERVICE_TARGET: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  GRPC_DEADLINE_MS: number = 3000;

  /** How often workouts whose goal progress could not be recorded are retried. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  PROGRESS_RETRY_MS: number = 5000;
}
