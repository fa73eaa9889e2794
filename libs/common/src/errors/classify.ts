import { Metadata, status } from '@grpc/grpc-js';
import { DomainError, ResourceExhaustedError, type ErrorDetail } from './domain-errors.js';
import { isUnavailableError, refusedValue } from './store-errors.js';

/** Trailer that carries the name of the offending request field to the caller. */
export const ERROR_FIELD_METADATA = 'x-error-field';

/**
 * Trailer set by a service whose *own* dependency (another gRPC service) failed to answer: the
 * service itself answered, so its callers' circuit breakers must not count the call against it
 * (otherwise one dead service would trip the breakers of every healthy service in front of it).
 */
export const DEPENDENCY_UNAVAILABLE_METADATA = 'x-dependency-unavailable';

/** Codes a client causes: they never count against an upstream's health (circuit breaker). */
export const CLIENT_ERROR_CODES: ReadonlySet<status> = new Set([
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.PERMISSION_DENIED,
  status.UNAUTHENTICATED,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
]);

/** gRPC status → HTTP status, the one table (grpc-gateway's `HTTPStatusFromCode`). */
const HTTP_STATUS_OF_GRPC: Readonly<Record<number, number>> = {
  [status.OK]: 200,
  [status.INVALID_ARGUMENT]: 400,
  [status.FAILED_PRECONDITION]: 400,
  [status.OUT_OF_RANGE]: 400,
  [status.UNAUTHENTICATED]: 401,
  [status.PERMISSION_DENIED]: 403,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.ABORTED]: 409,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.CANCELLED]: 499,
  [status.UNIMPLEMENTED]: 501,
  [status.UNAVAILABLE]: 503,
  [status.DEADLINE_EXCEEDED]: 504,
};

export function httpStatusOf(code: status): number {
  return HTTP_STATUS_OF_GRPC[code] ?? 500;
}

/** Failures of the HTTP layer itself (Fastify, Nest routing), named like their gRPC cousins. */
const HTTP_FAILURES: Readonly<Record<number, { code: string; status: status }>> = {
  400: { code: 'INVALID_ARGUMENT', status: status.INVALID_ARGUMENT },
  401: { code: 'UNAUTHENTICATED', status: status.UNAUTHENTICATED },
  403: { code: 'PERMISSION_DENIED', status: status.PERMISSION_DENIED },
  404: { code: 'NOT_FOUND', status: status.NOT_FOUND },
  405: { code: 'METHOD_NOT_ALLOWED', status: status.UNIMPLEMENTED },
  406: { code: 'NOT_ACCEPTABLE', status: status.INVALID_ARGUMENT },
  409: { code: 'ALREADY_EXISTS', status: status.ALREADY_EXISTS },
  413: { code: 'PAYLOAD_TOO_LARGE', status: status.RESOURCE_EXHAUSTED },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', status: status.INVALID_ARGUMENT },
  429: { code: 'RESOURCE_EXHAUSTED', status: status.RESOURCE_EXHAUSTED },
};

export function grpcCodeName(code: number): string {
  return status[code] ?? 'UNKNOWN';
}

/** The one description of a failure that every transport renders (REST, Socket.IO ack, gRPC). */
export interface ClassifiedError {
  /** gRPC status, also what a service answers. */
  status: status;
  /** `error.code` as clients see it: the status' name (or an HTTP-layer name such as PAYLOAD_TOO_LARGE). */
  code: string;
  httpStatus: number;
  /** Safe to show: a client error's own message, a generic sentence for anything else. */
  message: string;
  details?: ErrorDetail[];
  /** Seconds after which a retry may succeed (Retry-After). */
  retryAfterS?: number;
  /**
   * The failure is a dependency's: another gRPC service (`service`, which callers' breakers must
   * not count against this process) or a store this process uses (`store`).
   */
  dependency?: 'service' | 'store';
  /** How to log it: client errors at debug, outages at warn, bugs at error with the stack. */
  logLevel: 'debug' | 'warn' | 'error';
}

export const MESSAGES = {
  serviceUnavailable: 'a service is temporarily unavailable, retry shortly',
  storeUnavailable: 'a store this call depends on is unavailable, retry shortly',
  deadline: 'the request timed out upstream',
  internal: 'internal error',
} as const;

/** A failed gRPC call as grpc-js reports it (or an open breaker, shaped alike). */
export interface GrpcCallError extends Error {
  code: status;
  details?: string;
  metadata: Metadata;
  /** An open breaker's time until its half-open trial. */
  retryAfterMs?: number;
}

export function isGrpcCallError(err: unknown): err is GrpcCallError {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'number' &&
    (err as { metadata?: unknown }).metadata instanceof Metadata
  );
}

/**
 * Classifies anything thrown while serving a request: domain errors keep their code and message,
 * failed calls to other services keep client codes (with the offending field) and hide the rest
 * behind generic messages, unreachable stores are UNAVAILABLE, HTTP-layer refusals keep their
 * status, and everything else is INTERNAL with a generic message.
 */
export function classify(err: unknown): ClassifiedError {
  if (err instanceof DomainError) {
    return fromStatus(err.code, {
      message: err.message,
      details: err.details,
      retryAfterS: err instanceof ResourceExhaustedError ? err.retryAfterS : undefined,
      logLevel: err.code === status.UNAVAILABLE ? 'warn' : 'debug',
    });
  }
  if (isGrpcCallError(err)) {
    return fromUpstream(err);
  }
  if (isUnavailableError(err)) {
    return fromStatus(status.UNAVAILABLE, {
      message: MESSAGES.storeUnavailable,
      retryAfterS: 1,
      dependency: 'store',
      logLevel: 'warn',
    });
  }
  const refused = refusedValue(err);
  if (refused) {
    // A value the database refused is the request's fault: never INTERNAL (which would count
    // against the callers' circuit breakers and let one client take a service away from all).
    const field = refused.field;
    const message =
      refused.kind === 'duplicate'
        ? 'already exists'
        : `a value is not acceptable${field ? ` (${field})` : ''}`;
    return fromStatus(
      refused.kind === 'duplicate' ? status.ALREADY_EXISTS : status.INVALID_ARGUMENT,
      {
        message,
        details: field ? [{ field, message }] : undefined,
        logLevel: 'warn',
      },
    );
  }
  const httpStatus = httpStatusOfHttpError(err);
  if (httpStatus !== undefined && httpStatus < 500) {
    const known = HTTP_FAILURES[httpStatus] ?? HTTP_FAILURES[400];
    return {
      status: known.status,
      code: known.code,
      httpStatus,
      message: httpErrorMessage(err),
      logLevel: 'debug',
    };
  }
  return fromStatus(status.INTERNAL, { message: MESSAGES.internal, logLevel: 'error' });
}

function fromUpstream(err: GrpcCallError): ClassifiedError {
  const code = err.code;
  if (CLIENT_ERROR_CODES.has(code) || code === status.RESOURCE_EXHAUSTED) {
    const message = err.details || grpcCodeName(code).toLowerCase();
    const field = err.metadata.get(ERROR_FIELD_METADATA)[0];
    return fromStatus(code, {
      message,
      details: typeof field === 'string' && field ? [{ field, message }] : undefined,
      retryAfterS: code === status.RESOURCE_EXHAUSTED ? 1 : undefined,
      logLevel: 'debug',
    });
  }
  if (code === status.UNAVAILABLE) {
    return fromStatus(code, {
      message: MESSAGES.serviceUnavailable,
      // An open breaker knows when its half-open trial is due; otherwise retry soon.
      retryAfterS: err.retryAfterMs === undefined ? 1 : Math.ceil(err.retryAfterMs / 1000),
      dependency: 'service',
      logLevel: 'warn',
    });
  }
  if (code === status.DEADLINE_EXCEEDED) {
    return fromStatus(code, {
      message: MESSAGES.deadline,
      dependency: 'service',
      logLevel: 'warn',
    });
  }
  // The upstream's own bug (it logged it with its stack): INTERNAL here too, never its text.
  return fromStatus(status.INTERNAL, { message: MESSAGES.internal, logLevel: 'warn' });
}

function fromStatus(
  code: status,
  rest: Omit<ClassifiedError, 'status' | 'code' | 'httpStatus'>,
): ClassifiedError {
  const classified: ClassifiedError = {
    status: code,
    code: grpcCodeName(code),
    httpStatus: httpStatusOf(code),
    message: rest.message,
    logLevel: rest.logLevel,
  };
  if (rest.details && rest.details.length > 0) {
    classified.details = rest.details;
  }
  if (rest.retryAfterS !== undefined) {
    classified.retryAfterS = rest.retryAfterS;
  }
  if (rest.dependency) {
    classified.dependency = rest.dependency;
  }
  return classified;
}

/** The status of an HTTP-layer error: Nest's HttpException (getStatus) or Fastify's (statusCode). */
function httpStatusOfHttpError(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const { getStatus, statusCode } = err as { getStatus?: unknown; statusCode?: unknown };
  const value =
    typeof getStatus === 'function' ? (getStatus as () => unknown).call(err) : statusCode;
  return typeof value === 'number' && value >= 400 && value < 600 ? value : undefined;
}

function httpErrorMessage(err: unknown): string {
  const response = (err as { getResponse?: () => unknown }).getResponse?.();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    return String(response.message);
  }
  return err instanceof Error && err.message ? err.message : 'bad request';
}

/** The status a service answers for what its handler threw (the call metrics use it too). */
export function grpcStatusOf(err: unknown): status {
  return classify(err).status;
}
