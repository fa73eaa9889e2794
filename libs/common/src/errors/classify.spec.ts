import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import { CircuitOpenError } from '../upstream/circuit-breaker.js';
import {
  DEPENDENCY_UNAVAILABLE_METADATA,
  ERROR_FIELD_METADATA,
  MESSAGES,
  classify,
  grpcStatusOf,
} from './classify.js';
import {
  AlreadyExistsError,
  DomainError,
  InvalidArgumentError,
  NotFoundError,
  ResourceExhaustedError,
  ValidationError,
} from './domain-errors.js';
import { toAck, toGrpcPayload, toHttpAnswer } from './render.js';
import { isUnavailableError } from './store-errors.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A failed call as grpc-js reports it. */
function upstreamError(code: status, details: string, field?: string): Error {
  const metadata = new Metadata();
  if (field) {
    metadata.set(ERROR_FIELD_METADATA, field);
  }
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), {
    code,
    details,
    metadata,
  });
}

const ALL_STATUSES = Object.values(status).filter(
  (v): v is status => typeof v === 'number' && v !== status.OK,
);

/** What each status becomes for clients: [HTTP status, code clients see, message is the original]. */
const EXPECTED: Record<number, [number, string, boolean]> = {
  [status.CANCELLED]: [500, 'INTERNAL', false],
  [status.UNKNOWN]: [500, 'INTERNAL', false],
  [status.INVALID_ARGUMENT]: [400, 'INVALID_ARGUMENT', true],
  [status.DEADLINE_EXCEEDED]: [504, 'DEADLINE_EXCEEDED', false],
  [status.NOT_FOUND]: [404, 'NOT_FOUND', true],
  [status.ALREADY_EXISTS]: [409, 'ALREADY_EXISTS', true],
  [status.PERMISSION_DENIED]: [403, 'PERMISSION_DENIED', true],
  [status.RESOURCE_EXHAUSTED]: [429, 'RESOURCE_EXHAUSTED', true],
  [status.FAILED_PRECONDITION]: [400, 'FAILED_PRECONDITION', true],
  [status.ABORTED]: [500, 'INTERNAL', false],
  [status.OUT_OF_RANGE]: [400, 'OUT_OF_RANGE', true],
  [status.UNIMPLEMENTED]: [500, 'INTERNAL', false],
  [status.INTERNAL]: [500, 'INTERNAL', false],
  [status.UNAVAILABLE]: [503, 'UNAVAILABLE', false],
  [status.DATA_LOSS]: [500, 'INTERNAL', false],
  [status.UNAUTHENTICATED]: [401, 'UNAUTHENTICATED', true],
};

describe(classify.name, () => {
  it.each(ALL_STATUSES.map((code): [string, status] => [status[code], code]))(
    'should give an upstream %s the same code on REST, in a socket ack and over gRPC',
    (_name, code) => {
      const c = classify(upstreamError(code, 'the upstream says why', 'email'));
      const [httpStatus, name, keepsMessage] = EXPECTED[code];
      const http = toHttpAnswer(c);
      const ack = toAck(c);
      const grpc = toGrpcPayload(c);
      expect([http.status, http.body.error.code]).toEqual([httpStatus, name]);
      expect(ack).toEqual({ ok: false, error: http.body.error });
      expect(status[grpc.code]).toBe(name);
      expect(grpc.message).toBe(http.body.error.message);
      if (keepsMessage) {
        expect(http.body.error).toEqual({
          code: name,
          message: 'the upstream says why',
          details: [{ field: 'email', message: 'the upstream says why' }],
        });
      } else {
        // Never an upstream's own text, whatever it says.
        expect(JSON.stringify(http.body)).not.toContain('the upstream says why');
      }
    },
  );

  it.each(ALL_STATUSES.map((code): [string, status] => [status[code], code]))(
    'should answer a domain error with code %s alike on every transport',
    (_name, code) => {
      const c = classify(new DomainError(code, 'told by the service', 'field_x'));
      const http = toHttpAnswer(c);
      expect(http.body.error.code).toBe(status[code]);
      expect(toAck(c).error).toEqual(http.body.error);
      expect(toGrpcPayload(c).code).toBe(code);
      expect(toGrpcPayload(c).metadata.get(ERROR_FIELD_METADATA)).toEqual(['field_x']);
    },
  );

  it('should ask to retry an unavailable upstream, and an open breaker after its trial is due', () => {
    expect(toHttpAnswer(classify(upstreamError(status.UNAVAILABLE, 'x'))).retryAfter).toBe(1);
    const open = toHttpAnswer(classify(new CircuitOpenError('user', 3200)));
    expect(open).toEqual({
      status: 503,
      body: { error: { code: 'UNAVAILABLE', message: MESSAGES.serviceUnavailable } },
      retryAfter: 4,
    });
  });

  it('should mark a dependency failure so that callers’ breakers do not count it', () => {
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED]) {
      const payload = toGrpcPayload(classify(upstreamError(code, 'x')));
      expect(payload.metadata.get(DEPENDENCY_UNAVAILABLE_METADATA)).toEqual(['1']);
    }
    // A store of our own that is away: this service failed, its callers should count it.
    const store = toGrpcPayload(classify(withCode('connect ECONNREFUSED', 'ECONNREFUSED')));
    expect([store.code, store.metadata.get(DEPENDENCY_UNAVAILABLE_METADATA)]).toEqual([
      status.UNAVAILABLE,
      [],
    ]);
  });

  it('should carry every field of a validation failure and the wait of a rate limit', () => {
    const v = classify(
      new ValidationError([
        { field: 'email', message: 'email must be a valid email address' },
        { field: 'password', message: 'password is too short' },
      ]),
    );
    expect(toHttpAnswer(v).body).toEqual({
      error: {
        code: 'INVALID_ARGUMENT',
        message: '2 fields are invalid',
        details: [
          { field: 'email', message: 'email must be a valid email address' },
          { field: 'password', message: 'password is too short' },
        ],
      },
    });
    const limited = toHttpAnswer(classify(new ResourceExhaustedError('slow down', 42)));
    expect([limited.status, limited.retryAfter]).toEqual([429, 42]);
  });

  it('should keep HTTP-layer refusals and hide everything else', () => {
    expect(toHttpAnswer(classify(new NotFoundException('Cannot GET /nope')))).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'Cannot GET /nope' } },
    });
    const fastify = Object.assign(new Error('Body is too large'), { statusCode: 413 });
    expect(toHttpAnswer(classify(fastify)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toHttpAnswer(classify(new PayloadTooLargeException())).status).toBe(413);
    expect(classify(new BadRequestException('bad')).code).toBe('INVALID_ARGUMENT');
    const crash = classify(new TypeError('boom at line 3'));
    expect([crash.code, crash.message, crash.logLevel]).toEqual([
      'INTERNAL',
      'internal error',
      'error',
    ]);
    // A driver error with a numeric code (MongoDB's 11000) is not a gRPC answer.
    expect(classify(Object.assign(new Error('E11000'), { code: 11000 })).code).toBe('INTERNAL');
  });

  it('should answer a value the database refuses with INVALID_ARGUMENT, never INTERNAL', () => {
    // What TypeORM throws for "x\u0000@a.io": PostgreSQL's 22021 (invalid byte sequence).
    const pgNul = Object.assign(new Error('query failed'), {
      name: 'QueryFailedError',
      driverError: withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021'),
    });
    const outOfRange = Object.assign(new Error('out of range'), {
      code: '22003',
      column: 'weight_kg',
    });
    const notNull = withCode('null value in column', '23502');
    const mongooseValidation = Object.assign(new Error('Workout validation failed'), {
      name: 'ValidationError',
    });
    const cast = Object.assign(new Error('Cast to Number failed'), {
      name: 'CastError',
      path: 'calories_burned',
    });
    const bson = Object.assign(new Error('invalid key'), { name: 'BSONError' });
    const mongoBadValue = Object.assign(new Error('bad value'), {
      name: 'MongoServerError',
      code: 2,
    });
    for (const err of [pgNul, outOfRange, notNull, mongooseValidation, cast, bson, mongoBadValue]) {
      const c = classify(err);
      expect([c.code, c.httpStatus]).toEqual(['INVALID_ARGUMENT', 400]);
      expect(c.message).not.toMatch(/UTF8|validation failed|Cast to/);
    }
    expect(classify(outOfRange).details).toEqual([
      { field: 'weight_kg', message: 'a value is not acceptable (weight_kg)' },
    ]);
    expect(classify(withCode('duplicate key value', '23505')).code).toBe('ALREADY_EXISTS');
    const dup = Object.assign(new Error('E11000'), { name: 'MongoServerError', code: 11000 });
    expect(classify(dup).code).toBe('ALREADY_EXISTS');
    // Not a value problem: still INTERNAL (a bug to fix) or UNAVAILABLE (an outage).
    expect(classify(withCode('relation "users" does not exist', '42P01')).code).toBe('INTERNAL');
  });

  it('should keep the code of each domain error class', () => {
    expect(grpcStatusOf(new NotFoundError('x'))).toBe(status.NOT_FOUND);
    expect(grpcStatusOf(new AlreadyExistsError('x', 'email'))).toBe(status.ALREADY_EXISTS);
    expect(grpcStatusOf(new InvalidArgumentError('x'))).toBe(status.INVALID_ARGUMENT);
    expect(grpcStatusOf(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(status.UNAVAILABLE);
  });
});

describe(isUnavailableError.name, () => {
  it('should recognise unreachable stores, also behind wrappers', () => {
    expect(
      isUnavailableError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableError(withCode('the database system is shutting down', '57P03'))).toBe(
      true,
    );
    const typeorm = Object.assign(new Error('query failed'), {
      driverError: withCode('terminating connection due to administrator command', '57P01'),
    });
    expect(isUnavailableError(typeorm)).toBe(true);
    const mongo = new Error('Server selection timed out');
    mongo.name = 'MongoServerSelectionError';
    expect(isUnavailableError(mongo)).toBe(true);
    expect(isUnavailableError(new Error('x', { cause: withCode('reset', 'ECONNRESET') }))).toBe(
      true,
    );
    // ioredis failing fast while Redis is away (group sessions answer UNAVAILABLE then).
    expect(
      isUnavailableError(
        new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      ),
    ).toBe(true);
    expect(
      isUnavailableError(new Error('Reached the max retries per request limit (which is 1).')),
    ).toBe(true);
  });

  it('should leave bugs and bad queries alone', () => {
    expect(isUnavailableError(withCode('relation "users" does not exist', '42P01'))).toBe(false);
    expect(isUnavailableError(withCode('duplicate key', '23505'))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
  });
});
