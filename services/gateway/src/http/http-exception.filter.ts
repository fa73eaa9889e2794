import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classify, logClassified, toHttpAnswer } from '@fitness/common';

/**
 * The REST renderer of `classify()`: every error leaves the gateway in the one shape, with the
 * status, code and message the same failure has on every transport, and no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const classified = classify(exception);
    logClassified(this.logger, classified, exception, `${request.method} ${request.url}: `);
    const answer = toHttpAnswer(classified);
    if (answer.retryAfter !== undefined) {
      void reply.header('Retry-After', String(answer.retryAfter));
    }
    void reply.status(answer.status).send(answer.body);
  }
}
