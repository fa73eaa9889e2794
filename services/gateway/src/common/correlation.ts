import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Metadata } from '@grpc/grpc-js';
import type { FastifyRequest } from 'fastify';
import { CORRELATION_METADATA } from '@fitness/common';

export const CORRELATION_HEADER = CORRELATION_METADATA;
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify request-id generator: the caller's x-correlation-id when it is sane, else a new UUID. */
export function correlationId(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** gRPC metadata carrying the request's correlation id to the services. */
export function grpcMetadata(request: FastifyRequest): Metadata {
  const metadata = new Metadata();
  metadata.set(CORRELATION_HEADER, request.id);
  return metadata;
}
