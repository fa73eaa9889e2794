import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Metadata, status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import {
  DEPENDENCY_UNAVAILABLE_METADATA,
  DomainError,
  ERROR_FIELD_METADATA,
  isDependencyUnavailable,
  isUnavailableError,
} from './errors.js';

interface GrpcErrorPayload {
  code: status;
  message: string;
  details: string;
  metadata: Metadata;
}

/**
 * Turns what a gRPC handler throws into a gRPC status: domain errors keep their code and message
 * (plus the offending field as a trailer); anything else is INTERNAL with a generic message and is
 * logged with its stack, so internals never reach a client.
 */
@Catch()
export class GrpcExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(GrpcExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') {
      // The HTTP side (probes, metrics) keeps Nest's default handling.
      return super.catch(exception, host);
    }
    return throwError(() => this.toPayload(exception));
  }

  private toPayload(exception: unknown): GrpcErrorPayload {
    const metadata = new Metadata();
    if (exception instanceof DomainError) {
      if (exception.field) {
        metadata.set(ERROR_FIELD_METADATA, exception.field);
      }
      this.logger.debug(`${status[exception.code]}: ${exception.message}`);
      return {
        code: exception.code,
        message: exception.message,
        details: exception.message,
        metadata,
      };
    }
    if (exception instanceof RpcException) {
      const err = exception.getError();
      if (
        typeof err === 'object' &&
        err !== null &&
        typeof (err as { code?: unknown }).code === 'number'
      ) {
        const { code, message } = err as { code: status; message?: string };
        return { code, message: message ?? '', details: message ?? '', metadata };
      }
    }
    if (isDependencyUnavailable(exception)) {
      const message = 'a service this call depends on is unavailable';
      // This service answered: its callers' breakers must not count the call against it.
      metadata.set(DEPENDENCY_UNAVAILABLE_METADATA, '1');
      return { code: status.UNAVAILABLE, message, details: message, metadata };
    }
    if (isUnavailableError(exception)) {
      // The database (or another store) is unreachable: retryable, and no bug to log with a stack.
      this.logger.warn(`store unavailable: ${(exception as Error).message}`);
      const message = 'a store this call depends on is unavailable';
      return { code: status.UNAVAILABLE, message, details: message, metadata };
    }
    this.logger.error(
      exception instanceof Error ? exception.message : String(exception),
      exception instanceof Error ? exception.stack : undefined,
    );
    const message = 'internal error';
    return { code: status.INTERNAL, message, details: message, metadata };
  }
}
