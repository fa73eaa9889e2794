import { status } from '@grpc/grpc-js';
import { DomainError, grpcCodeName, isServiceError, isUnavailableError } from '@fitness/common';
import type { ErrorDetail } from '../common/api-error.js';

export interface AckError {
  ok: false;
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** A refusal a Socket.IO client can cause, answered in the ack like a REST 4xx. */
export class RealtimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

/** Every failure of an event handler becomes an ack; internals never reach the client. */
export function toAckError(err: unknown): AckError {
  if (err instanceof RealtimeError) {
    return {
      ok: false,
      error: {
        code: err.code,
        message: err.message,
        ...(err.details ? { details: err.details } : {}),
      },
    };
  }
  if (err instanceof DomainError || isServiceError(err)) {
    const code = err.code;
    if (code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED) {
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'a service is temporarily unavailable, retry shortly',
        },
      };
    }
    if (code !== status.INTERNAL && code !== status.UNKNOWN) {
      const message =
        err instanceof DomainError ? err.message : (err.details ?? grpcCodeName(code));
      return { ok: false, error: { code: grpcCodeName(code), message } };
    }
  }
  if (isUnavailableError(err)) {
    return {
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'group sessions are unavailable right now, retry shortly',
      },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
}
