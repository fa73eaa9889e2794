import { status } from '@grpc/grpc-js';

/** One offending field of a request, as clients see it in `error.details`. */
export interface ErrorDetail {
  field: string;
  message: string;
}

/**
 * A failure a client can cause or must be told about, with the gRPC code that names it. Code of
 * every service and of the gateway throws these (never HttpException, RpcException or bare
 * strings); `classify()` turns them into an answer on every transport.
 */
export class DomainError extends Error {
  readonly details?: ErrorDetail[];

  constructor(
    readonly code: status,
    message: string,
    readonly field?: string,
    details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
    this.details = details ?? (field ? [{ field, message }] : undefined);
  }
}

export class InvalidArgumentError extends DomainError {
  constructor(message: string, field?: string) {
    super(status.INVALID_ARGUMENT, message, field);
  }
}

/** Several fields refused at once (request validation): the message names the first or the count. */
export class ValidationError extends DomainError {
  constructor(details: ErrorDetail[]) {
    const message =
      details.length === 1 ? details[0].message : `${details.length} fields are invalid`;
    super(status.INVALID_ARGUMENT, message, details[0]?.field, details);
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

/** A limit was hit (rate, size, quota): the client may try again after `retryAfterS`. */
export class ResourceExhaustedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterS = 1,
  ) {
    super(status.RESOURCE_EXHAUSTED, message);
  }
}

export class UnavailableError extends DomainError {
  constructor(message: string) {
    super(status.UNAVAILABLE, message);
  }
}

/** The message of anything thrown, for logs (never for clients: see classify()). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
