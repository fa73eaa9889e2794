import { GrpcClientEnv } from '@fitness/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export class GatewayEnv extends GrpcClientEnv {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @IsNotEmpty()
  REDIS_URL: string;

  @IsString()
  @IsNotEmpty()
  ACTIVITY_SERVICE_TARGET: string;

  @IsString()
  @MinLength(16)
  JWT_SECRET: string;

  /** Login attempts per minute for one account (email), across all replicas. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LOGIN_PER_ACCOUNT: number = 10;

  /** Login attempts per minute from one client IP. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LOGIN_PER_IP: number = 30;

  /** Registrations per minute from one client IP. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_REGISTER_PER_IP: number = 5;

  /**
   * Proxy hops in front of the gateway whose X-Forwarded-For is trusted for the client IP (rate
   * limits); 0 trusts none and uses the peer address.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS: number = 0;

  /** Largest accepted request body, in bytes. */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT: number = 64 * 1024;

  /** Idle time after which an abandoned group session's Redis state expires. */
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  GROUP_SESSION_TTL_S: number = 6 * 3600;

  /** How long a disconnected member stays in their sessions, waiting for a reconnect. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  GROUP_SESSION_GRACE_MS: number = 10_000;

  /** Chat rate limit per user: tokens per second and bucket size. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  CHAT_RATE_PER_SECOND: number = 10;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  CHAT_BURST: number = 20;
}
