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

export function grpcCodeName(code: number): string {
  return status[code] ?? 'UNKNOWN';
}

export function isServiceError(err: unknown): err is Error & { code: number; details?: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number';
}
