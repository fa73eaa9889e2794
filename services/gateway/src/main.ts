import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  enableGracefulShutdown,
  envValidator,
  errorMessage,
  startDefaultMetrics,
} from '@fitness/common';
import { AppModule } from './app.module.js';
import { GatewayEnv } from './config/env.dto.js';
import { clientErrorHandler, correlationId, registerHttpHooks } from './http/http-hooks.js';
import { HttpExceptionFilter } from './http/http-exception.filter.js';
import { setUpOpenApi } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { createValidationPipe } from './http/validation.js';
import { serveWebClient } from './http/web-client.js';
import { RedisIoAdapter } from './socket/redis-io.adapter.js';
import { SocketGateway } from './socket/socket.gateway.js';

async function bootstrap(): Promise<void> {
  // The body limit is needed before the app (and its ConfigModule) exists: validate the env here.
  const env = envValidator(GatewayEnv)(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT,
    genReqId: correlationId,
    clientErrorHandler,
    // request.ip (per-IP rate limits) from X-Forwarded-For only behind that many trusted proxies.
    trustProxy: (_address: string, hop: number) => hop < env.TRUST_PROXY_HOPS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const config = app.get<ConfigService<GatewayEnv, true>>(ConfigService);
  app.useLogger(app.get(Logger));
  enableGracefulShutdown(app, {
    graceMs: config.get('SHUTDOWN_GRACE_MS'),
    // Clients get a reconnect hint and are disconnected first, so they move to another replica
    // (their sessions live in Redis) while this one drains its HTTP requests.
    beforeClose: () => app.get(SocketGateway).disconnectAllForShutdown(),
  });
  startDefaultMetrics('gateway');

  const fastify = app.getHttpAdapter().getInstance();
  registerHttpHooks(fastify);
  // Security headers on every answer (HSTS is the TLS terminator's business, not ours).
  registerSecurityHeaders(fastify, { hsts: false });
  // The default CSP (scripts, styles and connections from 'self' only, WebSocket included) is what
  // the web client at / needs: one bundled script, one stylesheet, no inline code, no CDN.
  await serveWebClient(app, app.get(Logger));
  // Browsers of other origins get no CORS headers unless CORS_ORIGINS names them.
  const corsOrigins = config.get('CORS_ORIGINS', { infer: true });
  if (corsOrigins.length > 0) {
    app.enableCors({ origin: corsOrigins, credentials: false, maxAge: 600 });
  }
  // Socket.IO on the same port, rooms shared by every replica through Redis.
  app.useWebSocketAdapter(
    new RedisIoAdapter(app, config.get('REDIS_URL'), {
      commandTimeoutMs: config.get('REDIS_COMMAND_TIMEOUT_MS', { infer: true }),
      corsOrigins,
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  setUpOpenApi(app);

  await app.listen({ port: config.get('PORT'), host: '0.0.0.0' });
}

bootstrap().catch((err: unknown) => {
  console.error(`gateway failed to start: ${errorMessage(err)}`);
  process.exit(1);
});
