import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, envValidator, startDefaultMetrics } from '@fitness/common';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { CORRELATION_HEADER, correlationId } from './common/correlation.js';
import { createValidationPipe } from './common/validation.js';
import { GatewayEnv } from './config/env.dto.js';
import { registerHttpMetrics } from './health/http-metrics.js';

async function bootstrap(): Promise<void> {
  // The body limit is needed before the app (and its ConfigModule) exists: validate the env here.
  const env = envValidator(GatewayEnv)(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT,
    genReqId: correlationId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const config = app.get<ConfigService<GatewayEnv, true>>(ConfigService);
  app.useLogger(createLogger(config.get('LOG_LEVEL')));
  app.enableShutdownHooks();
  startDefaultMetrics('gateway');

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
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
