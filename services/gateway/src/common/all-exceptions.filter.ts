import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CircuitOpenError, ERROR_FIELD_METADATA, grpcCodeName } from '@fitness/common';
import { RateLimitedException } from '../rate-limit/rate-limit.exception.js';
import {
  CODE_OF_HTTP_STATUS,
  errorBody,
  httpStatusOfGrpc,
  type ErrorBody,
  type ErrorDetail,
} from './api-error.js';
import { ValidationFailedException } from './validation.js';

interface Rendered {
  status: number;
  body: ErrorBody;
  retryAfter?: number;
}

/** Every error leaves the gateway in the one shape, with the right status and no internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const rendered = this.render(exception, request);
    if (rendered.retryAfter !== undefined) {
      void reply.header('Retry-After', String(rendered.retryAfter));
    }
    void reply.status(rendered.status).send(rendered.body);
  }

  render(exception: unknown, request: FastifyRequest): Rendered {
    if (exception instanceof ValidationFailedException) {
      return {
        status: 400,
        body: errorBody('INVALID_ARGUMENT', exception.message, exception.details),
      };
    }
    if (exception instanceof HttpException) {
      const code = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : exception.message;
      return {
        status: code,
        body: errorBody(CODE_OF_HTTP_STATUS[code] ?? 'ERROR', message),
        ...(exception instanceof RateLimitedException
          ? { retryAfter: exception.retryAfterSeconds }
          : {}),
      };
    }
    if (isGrpcError(exception)) {
      return this.renderGrpc(exception, request);
    }
    const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors: malformed JSON, empty body, body too large, bad media type.
      const message = exception instanceof Error ? exception.message : 'bad request';
      return {
        status: fastifyStatus,
        body: errorBody(CODE_OF_HTTP_STATUS[fastifyStatus] ?? 'INVALID_ARGUMENT', message),
      };
    }
    this.logger.error(
      `unhandled error on ${request.method} ${request.url} [${request.id}]: ${describe(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return { status: 500, body: errorBody('INTERNAL', 'internal error') };
  }

  private renderGrpc(err: GrpcError, request: FastifyRequest): Rendered {
    const httpStatus = httpStatusOfGrpc(err.code);
    const code = grpcCodeName(err.code);
    if (httpStatus >= 500) {
      const line = `upstream error on ${request.method} ${request.url} [${request.id}]: ${code} ${err.details ?? ''}`;
      // The breaker logged its opening once; one line per fast-failed request would flood.
      if (err instanceof CircuitOpenError) {
        this.logger.debug(line);
      } else {
        this.logger.warn(line);
      }
      switch (err.code as status) {
        case status.UNAVAILABLE:
          return {
            status: 503,
            body: errorBody(code, 'a service is temporarily unavailable, retry shortly'),
            // An open breaker knows when its half-open trial is due; otherwise retry soon.
            retryAfter: err instanceof CircuitOpenError ? Math.ceil(err.retryAfterMs / 1000) : 1,
          };
        case status.DEADLINE_EXCEEDED:
          return { status: 504, body: errorBody(code, 'the request timed out upstream') };
        default:
          return { status: httpStatus, body: errorBody('INTERNAL', 'internal error') };
      }
    }
    const message = err.details || code.toLowerCase();
    const field = fieldOf(err.metadata);
    const details: ErrorDetail[] | undefined = field ? [{ field, message }] : undefined;
    return {
      status: httpStatus,
      body: errorBody(code, message, details),
      ...(httpStatus === 429 ? { retryAfter: 1 } : {}),
    };
  }
}

interface GrpcError {
  code: number;
  details?: string;
  metadata?: Metadata;
}

function isGrpcError(err: unknown): err is GrpcError {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'number' &&
    (err as { metadata?: unknown }).metadata instanceof Metadata
  );
}

function fieldOf(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get(ERROR_FIELD_METADATA)[0];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
