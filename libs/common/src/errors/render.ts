import type { Logger } from '@nestjs/common';
import { Metadata, type status } from '@grpc/grpc-js';
import {
  DEPENDENCY_UNAVAILABLE_METADATA,
  ERROR_FIELD_METADATA,
  type ClassifiedError,
} from './classify.js';
import { errorMessage, type ErrorDetail } from './domain-errors.js';

// The three renderers of a classified failure. Each transport only picks its rendering, so the same
// failure has the same code and message over REST, in a Socket.IO ack and over gRPC.

/** The one error body of the API: {"error": {"code", "message", "details"?}}. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export function errorBody(c: Pick<ClassifiedError, 'code' | 'message' | 'details'>): ErrorBody {
  return {
    error: { code: c.code, message: c.message, ...(c.details ? { details: c.details } : {}) },
  };
}

export interface HttpErrorAnswer {
  status: number;
  body: ErrorBody;
  /** Seconds, for the Retry-After header. */
  retryAfter?: number;
}

export function toHttpAnswer(c: ClassifiedError): HttpErrorAnswer {
  return {
    status: c.httpStatus,
    body: errorBody(c),
    ...(c.retryAfterS === undefined ? {} : { retryAfter: c.retryAfterS }),
  };
}

/** A refused Socket.IO event's acknowledgement. */
export interface AckError extends ErrorBody {
  ok: false;
}

export function toAck(c: ClassifiedError): AckError {
  return { ok: false, ...errorBody(c) };
}

/** What a NestJS gRPC handler's error becomes on the wire (status, message, trailers). */
export interface GrpcErrorPayload {
  code: status;
  message: string;
  details: string;
  metadata: Metadata;
}

export function toGrpcPayload(c: ClassifiedError): GrpcErrorPayload {
  const metadata = new Metadata();
  const field = c.details?.[0]?.field;
  if (field) {
    metadata.set(ERROR_FIELD_METADATA, field);
  }
  if (c.dependency === 'service') {
    // This service answered; its callers' breakers must not count the failure against it.
    metadata.set(DEPENDENCY_UNAVAILABLE_METADATA, '1');
  }
  return { code: c.status, message: c.message, details: c.message, metadata };
}

/** One log line for a classified failure, at the level its class calls for. */
export function logClassified(logger: Logger, c: ClassifiedError, err: unknown, where = ''): void {
  const line = `${where}${c.code}: ${errorMessage(err)}`;
  if (c.logLevel === 'error') {
    logger.error(line, err instanceof Error ? err.stack : undefined);
  } else if (c.logLevel === 'warn') {
    logger.warn(line);
  } else {
    logger.debug(line);
  }
}
