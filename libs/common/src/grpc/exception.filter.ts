import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';
import { classify } from '../errors/classify.js';
import { logClassified, toGrpcPayload } from '../errors/render.js';

/**
 * The gRPC renderer of `classify()`: what a handler throws becomes a status with a message safe
 * for clients, the offending field as a trailer, and a trailer telling callers' breakers when the
 * failure was a dependency's. Bugs are logged with their stack, never sent.
 */
@Catch()
export class GrpcExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(GrpcExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') {
      // The HTTP side (probes, metrics) keeps Nest's default handling.
      return super.catch(exception, host);
    }
    const classified = classify(exception);
    logClassified(this.logger, classified, exception);
    return throwError(() => toGrpcPayload(classified));
  }
}
