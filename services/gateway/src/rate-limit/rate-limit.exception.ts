import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 RESOURCE_EXHAUSTED with the seconds to wait, sent as `Retry-After`. */
export class RateLimitedException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
