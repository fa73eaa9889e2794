import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  CORRELATION_METADATA,
  InvalidArgumentError,
  acceptCorrelationId,
  requestContext,
} from '@fitness/common';
import { registerHttpMetrics } from './http-metrics.js';
import { checkPayloadShape } from './validation.js';

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
  // JSON only: a text/plain body is 415, and a JSON body must be an object of a sane shape.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      done(new InvalidArgumentError('request body must be a JSON object'));
      return;
    }
    try {
      checkPayloadShape(body);
      checkPayloadShape(request.query);
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  });
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'the request headers are too large'],
};

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (an unknown method, a malformed
 * request line, headers too large) get the API's error shape too, not Fastify's.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'INVALID_ARGUMENT',
    'malformed HTTP request',
  ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
