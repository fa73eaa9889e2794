import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document of the REST API, built from the controllers' decorators. The running
 * gateway serves it (setUpOpenApi); `offlineOpenApiDocument` builds the same one without running.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fitness Goal Tracker API')
      .setDescription(
        [
          'Accounts, goals, workouts, statistics and group sessions of the Fitness Goal Tracker.',
          '',
          'Every route but register and login needs `Authorization: Bearer <token>` (the token of',
          'login), and a user acts only on their own `user_id`, workouts and group sessions (403).',
          'Durations are seconds and calories kcal, rounded to 2 decimals; times are ISO-8601 UTC.',
          'Every error has one shape, `{"error": {"code", "message", "details"?}}` (ErrorBody).',
          'Live group sessions, chat and goal alerts use Socket.IO on the same origin.',
        ].join('\n'),
      )
      .setVersion('1.0')
      .addServer('/', 'the gateway that serves this document (either replica)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      // Every route needs the token unless it says otherwise (`security: []`, see @Public()).
      .addSecurityRequirements('bearer')
      .addTag('users', 'Accounts, login and profiles')
      .addTag('goals', 'Goals and their progress')
      .addTag('workouts', 'Workout sessions, history and statistics')
      .addTag('leaderboards', 'Rankings of the users who chose to be listed')
      .addTag('group sessions', 'Live group sessions (Socket.IO) and their saved records')
      .build(),
  );
}

/** The document at /docs/json and its UI at /docs. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/json' });
}

/** Required variables of the gateway's configuration, for a document built offline. */
export const OFFLINE_PLACEHOLDER_ENV: Readonly<Record<string, string>> = {
  REDIS_URL: 'redis://offline.invalid:6379',
  USER_SERVICE_TARGET: 'dns:///offline.invalid:50051',
  ACTIVITY_SERVICE_TARGET: 'dns:///offline.invalid:50061',
  // Nothing is signed or verified in preview mode: these only have to pass validation.
  JWT_SECRET: 'offline-openapi-document-signs-nothing',
  INTERNAL_TOKEN_SECRET: 'offline-openapi-document-signs-nothing',
  ALLOW_INSECURE_SECRETS: 'true',
};

/**
 * The document the gateway serves, built offline: no Redis, no gRPC service, no port. In preview
 * mode Nest scans the modules (where the document's metadata lives) but instantiates no provider
 * or controller, so nothing connects. The configuration still validates as the app module loads,
 * hence placeholders for the variables that are not set, which nothing uses.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  for (const [name, value] of Object.entries(OFFLINE_PLACEHOLDER_ENV)) {
    process.env[name] ??= value;
  }
  const { AppModule } = await import('../app.module.js');
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
