import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import {
  CORRELATION_METADATA,
  InvalidArgumentError,
  acceptCorrelationId,
  requestContext,
} from '@fitness/common';
import { registerHttpMetrics } from './http-metrics.js';

export const CORRELATION_HEADER = CORRELATION_METADATA;

/** Fastify request-id generator: the caller's x-correlation-id when it is sane, else a new UUID. */
export function correlationId(req: IncomingMessage): string {
  return acceptCorrelationId(req.headers[CORRELATION_HEADER]);
}

/**
 * What every REST request goes through before its route: its correlation id (echoed in the
 * response, and the request context for logs and onward gRPC calls), the metrics, and JSON-only
 * object bodies.
 */
export function registerHttpHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  // Every log line written and every gRPC call made while handling the request carries its id.
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ correlationId: request.id }, done);
  });
  registerHttpMetrics(fastify);
  // JSON only: a text/plain body is 415, and a JSON body must be an object.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      done(new InvalidArgumentError('request body must be a JSON object'));
      return;
    }
    done();
  });
}
