import { status } from '@grpc/grpc-js';

/** Trailer that carries the name of the offending request field to the gateway. */
export const ERROR_FIELD_METADATA = 'x-error-field';

/** A business-rule failure a client can cause; services throw these and never raw RpcExceptions. */
export class DomainError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidArgumentError extends DomainError {
  constructor(message: string, field?: string) {
    super(status.INVALID_ARGUMENT, message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(status.NOT_FOUND, message);
  }
}

export class AlreadyExistsError extends DomainError {
  constructor(message: string, field?: string) {
    super(status.ALREADY_EXISTS, message, field);
  }
}

export class FailedPreconditionError extends DomainError {
  constructor(message: string) {
    super(status.FAILED_PRECONDITION, message);
  }
}

export class PermissionDeniedError extends DomainError {
  constructor(message: string) {
    super(status.PERMISSION_DENIED, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super(status.UNAUTHENTICATED, message);
  }
}

export class UnavailableError extends DomainError {
  constructor(message: string) {
    super(status.UNAVAILABLE, message);
  }
}

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

/**
 * Trailer set by a service whose *own* dependency (another gRPC service) was unavailable: the
 * service itself answered, so its callers' circuit breakers must not count the call against it
 * (otherwise one dead service would trip the breakers of every healthy service in front of it).
 */
export const DEPENDENCY_UNAVAILABLE_METADATA = 'x-dependency-unavailable';

// Node socket errors and the connection failures of the database drivers (pg, mongodb, ioredis):
// the store is unreachable for now, which is UNAVAILABLE (retry later), not an internal bug.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'EAI_AGAIN',
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-03 (server shutting down or
// starting), 53300 (too many connections).
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);
// The last three: ioredis failing fast while Redis is away (no offline queue, bounded retries).
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue|max retries per request/i;

/**
 * True when an error means a store or network peer could not be reached (as opposed to a bug or a
 * bad query). Looks through wrappers: TypeORM's `driverError` and the standard `cause`.
 */
export function isUnavailableError(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) {
    return false;
  }
  const { code, driverError, cause } = err as {
    code?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || PG_UNAVAILABLE.test(code))) {
    return true;
  }
  if (UNAVAILABLE_ERROR_NAMES.has(err.name) || UNAVAILABLE_MESSAGES.test(err.message)) {
    return true;
  }
  return isUnavailableError(driverError, depth + 1) || isUnavailableError(cause, depth + 1);
}

export function grpcCodeName(code: number): string {
  return status[code] ?? 'UNKNOWN';
}

export function isServiceError(err: unknown): err is Error & { code: status; details?: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number';
}

/** A call to another service failed for lack of an answer (down, or past its deadline). */
export function isDependencyUnavailable(err: unknown): boolean {
  return (
    isServiceError(err) &&
    (err.code === status.UNAVAILABLE || err.code === status.DEADLINE_EXCEEDED)
  );
}

/**
 * The status a service answers for what its handler threw: a domain error keeps its code, a
 * missing dependency or store is UNAVAILABLE (retryable), anything else INTERNAL. The one rule of
 * GrpcExceptionFilter (the answer) and GrpcMetricsInterceptor (the call metrics).
 */
export function grpcStatusOf(err: unknown): status {
  if (err instanceof DomainError) {
    return err.code;
  }
  if (isDependencyUnavailable(err) || isUnavailableError(err)) {
    return status.UNAVAILABLE;
  }
  return status.INTERNAL;
}
