import { describe, expect, it } from '@jest/globals';
import { ForbiddenException } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import type { FastifyRequest } from 'fastify';
import { CircuitOpenError, ERROR_FIELD_METADATA } from '@fitness/common';
import { RateLimitedException } from '../rate-limit/rate-limit.exception.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { ValidationFailedException } from './validation.js';

function grpcError(code: status, details: string, field?: string): Error {
  const metadata = new Metadata();
  if (field) {
    metadata.set(ERROR_FIELD_METADATA, field);
  }
  return Object.assign(new Error(details), { code, details, metadata });
}

describe(AllExceptionsFilter.name, () => {
  const sut = new AllExceptionsFilter();
  const request = { method: 'GET', url: '/x', id: 'c-1' } as FastifyRequest;

  it.each([
    [status.INVALID_ARGUMENT, 400],
    [status.FAILED_PRECONDITION, 400],
    [status.UNAUTHENTICATED, 401],
    [status.PERMISSION_DENIED, 403],
    [status.NOT_FOUND, 404],
    [status.ALREADY_EXISTS, 409],
    [status.RESOURCE_EXHAUSTED, 429],
    [status.UNAVAILABLE, 503],
    [status.DEADLINE_EXCEEDED, 504],
    [status.INTERNAL, 500],
    [status.UNKNOWN, 500],
  ])('should map gRPC code %i to HTTP %i', (code, http) => {
    expect(sut.render(grpcError(code, 'x'), request).status).toBe(http);
  });

  it('should pass a client error through with the field that caused it', () => {
    const r = sut.render(
      grpcError(status.ALREADY_EXISTS, 'email is already registered', 'email'),
      request,
    );
    expect(r.body).toEqual({
      error: {
        code: 'ALREADY_EXISTS',
        message: 'email is already registered',
        details: [{ field: 'email', message: 'email is already registered' }],
      },
    });
  });

  it('should never echo upstream internals and should ask to retry when unavailable', () => {
    const internal = sut.render(
      grpcError(status.INTERNAL, 'relation "users" does not exist'),
      request,
    );
    expect(internal.body.error).toEqual({ code: 'INTERNAL', message: 'internal error' });
    const down = sut.render(
      grpcError(status.UNAVAILABLE, 'connect ECONNREFUSED 10.0.0.1'),
      request,
    );
    expect(down.retryAfter).toBe(1);
    expect(JSON.stringify(down.body)).not.toContain('ECONNREFUSED');
    const crash = sut.render(new TypeError('boom at line 3'), request);
    expect(crash).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal error' } },
    });
  });

  it('should answer an open breaker with 503 and Retry-After until its half-open trial', () => {
    const r = sut.render(new CircuitOpenError('user', 3200), request);
    expect(r).toEqual({
      status: 503,
      body: {
        error: {
          code: 'UNAVAILABLE',
          message: 'a service is temporarily unavailable, retry shortly',
        },
      },
      retryAfter: 4,
    });
  });

  it('should answer a rate limit with 429 RESOURCE_EXHAUSTED and Retry-After', () => {
    const r = sut.render(
      new RateLimitedException('too many login attempts: retry in 42 s', 42),
      request,
    );
    expect(r).toEqual({
      status: 429,
      body: {
        error: { code: 'RESOURCE_EXHAUSTED', message: 'too many login attempts: retry in 42 s' },
      },
      retryAfter: 42,
    });
  });

  it('should render validation failures and HTTP exceptions in the one shape', () => {
    const v = sut.render(
      new ValidationFailedException([
        { field: 'email', message: 'email must be a valid email address' },
      ]),
      request,
    );
    expect(v).toEqual({
      status: 400,
      body: {
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'email must be a valid email address',
          details: [{ field: 'email', message: 'email must be a valid email address' }],
        },
      },
    });
    const f = sut.render(new ForbiddenException('not yours'), request);
    expect(f).toEqual({
      status: 403,
      body: { error: { code: 'PERMISSION_DENIED', message: 'not yours' } },
    });
  });
});
