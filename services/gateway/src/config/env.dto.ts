import { BaseEnv } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export class GatewayEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @IsNotEmpty()
  REDIS_URL: string;

  /** grpc-js target of the user service, e.g. ipv4:127.0.0.1:50051,127.0.0.1:50052. */
  @IsString()
  @IsNotEmpty()
  USER_SERVICE_TARGET: string;

  @IsString()
  @IsNotEmpty()
  ACTIVITY_SERVICE_TARGET: string;

  @IsString()
  @MinLength(16)
  JWT_SECRET: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  GRPC_DEADLINE_MS: number = 3000;

  /** Largest accepted request body, in bytes. */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT: number = 64 * 1024;
}
