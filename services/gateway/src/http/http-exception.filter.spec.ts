import { describe, expect, it, jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import { CircuitOpenError, ERROR_FIELD_METADATA, ValidationError } from '@fitness/common';
import { HttpExceptionFilter } from './http-exception.filter.js';

function grpcError(code: status, details: string, field?: string): Error {
  const metadata = new Metadata();
  if (field) {
    metadata.set(ERROR_FIELD_METADATA, field);
  }
  return Object.assign(new Error(details), { code, details, metadata });
}

/** Runs the filter on a fake Fastify reply and returns what the client would receive. */
function answer(err: unknown): {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
} {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
    headers: {},
  };
  const reply = {
    header: jest.fn((name: string, value: string) => {
      sent.headers[name] = value;
      return reply;
    }),
    status: jest.fn((code: number) => {
      sent.status = code;
      return reply;
    }),
    send: jest.fn((body: unknown) => {
      sent.body = body;
      return reply;
    }),
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ method: 'GET', url: '/x', id: 'c-1' }),
    }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(err, host);
  return sent;
}

describe(HttpExceptionFilter.name, () => {
  it('should send an upstream client error with the field that caused it', () => {
    expect(
      answer(grpcError(status.ALREADY_EXISTS, 'email is already registered', 'email')),
    ).toEqual({
      status: 409,
      headers: {},
      body: {
        error: {
          code: 'ALREADY_EXISTS',
          message: 'email is already registered',
          details: [{ field: 'email', message: 'email is already registered' }],
        },
      },
    });
  });

  it('should send Retry-After with an open breaker and never an upstream’s internals', () => {
    expect(answer(new CircuitOpenError('user', 3200))).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '4' },
    });
    const internal = answer(grpcError(status.INTERNAL, 'relation "users" does not exist'));
    expect(internal.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('should render validation failures in the one shape', () => {
    const v = answer(
      new ValidationError([{ field: 'email', message: 'email must be a valid email address' }]),
    );
    expect(v).toEqual({
      status: 400,
      headers: {},
      body: {
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'email must be a valid email address',
          details: [{ field: 'email', message: 'email must be a valid email address' }],
        },
      },
    });
  });
});
