import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { errorMessage } from './errors/domain-errors.js';
import { connectGrpcServer } from './grpc/server.js';
import type { ProtoService } from './grpc/proto.js';
import { startDefaultMetrics } from './metrics.js';
import { ServiceTokenVerifier } from './upstream/service-token.js';
import { enableGracefulShutdown } from './shutdown.js';

interface GrpcServiceEnv {
  INTERNAL_TOKEN_SECRET: string;
  GRPC_PORT: number;
  METRICS_PORT: number;
  SHUTDOWN_GRACE_MS: number;
}

/**
 * Starts a backend service: its gRPC server (plus grpc.health.v1) and, beside it, an HTTP port
 * with /healthz, /readyz and /metrics. A bad environment stops the process with exit code 1. The
 * module must import LoggingModule (pino).
 */
export function runGrpcService(module: object, spec: ProtoService, name: string): void {
  const start = async (): Promise<void> => {
    const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
      bufferLogs: true,
      abortOnError: false,
    });
    const config = app.get<ConfigService<GrpcServiceEnv, true>>(ConfigService);
    app.useLogger(app.get(Logger));
    enableGracefulShutdown(app, { graceMs: config.get('SHUTDOWN_GRACE_MS') });
    startDefaultMetrics(name);
    const credentials = new ServiceTokenVerifier(config.get('INTERNAL_TOKEN_SECRET'), name);
    connectGrpcServer(app, spec, config.get('GRPC_PORT'), credentials);
    await app.startAllMicroservices();
    await app.listen({ port: config.get('METRICS_PORT'), host: '0.0.0.0' });
  };
  start().catch((err: unknown) => {
    console.error(`${name} failed to start: ${errorMessage(err)}`);
    process.exit(1);
  });
}
