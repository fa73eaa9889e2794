import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  createLogger,
  enableGracefulShutdown,
  envValidator,
  requestContext,
  startDefaultMetrics,
} from '@fitness/common';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { CORRELATION_HEADER, correlationId } from './common/correlation.js';
import { createValidationPipe } from './common/validation.js';
import { GatewayEnv } from './config/env.dto.js';
import { registerHttpMetrics } from './health/http-metrics.js';
import { RealtimeGateway } from './realtime/realtime.gateway.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';

async function bootstrap(): Promise<void> {
  // The body limit is needed before the app (and its ConfigModule) exists: validate the env here.
  const env = envValidator(GatewayEnv)(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT,
    genReqId: correlationId,
    // request.ip (per-IP rate limits) from X-Forwarded-For only behind that many trusted proxies.
    trustProxy: (_address: string, hop: number) => hop < env.TRUST_PROXY_HOPS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const config = app.get<ConfigService<GatewayEnv, true>>(ConfigService);
  app.useLogger(createLogger(config.get('LOG_LEVEL')));
  enableGracefulShutdown(app, {
    graceMs: config.get('SHUTDOWN_GRACE_MS'),
    // Clients get a reconnect hint and are disconnected first, so they move to another replica
    // (their sessions live in Redis) while this one drains its HTTP requests.
    beforeClose: () => app.get(RealtimeGateway).disconnectAllForShutdown(),
  });
  startDefaultMetrics('gateway');

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  // Every log line written while handling the request carries its correlation id.
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ correlationId: request.id }, done);
  });
  registerHttpMetrics(fastify);
  // JSON only: a text/plain body is 415, and a JSON body must be an object.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      done(new BadRequestException('request body must be a JSON object'));
      return;
    }
    done();
  });

  // Socket.IO on the same port, rooms shared by every replica through Redis.
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.get('REDIS_URL')));

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fitness Goal Tracker API')
      .setDescription(
        'Accounts, goals, workouts and statistics. Errors: {"error": {"code", "message", "details"?}}',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });

  await app.listen({ port: config.get('PORT'), host: '0.0.0.0' });
}

bootstrap().catch((err: unknown) => {
  console.error(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
