import { describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { NotFoundError, grpcStatusOf, isUnavailableError } from './errors.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

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

describe('grpcStatusOf', () => {
  it('should keep domain codes, call missing peers UNAVAILABLE and anything else INTERNAL', () => {
    expect(grpcStatusOf(new NotFoundError('x'))).toBe(status.NOT_FOUND);
    const upstream = Object.assign(new Error('no connection'), { code: status.DEADLINE_EXCEEDED });
    expect(grpcStatusOf(upstream)).toBe(status.UNAVAILABLE);
    expect(grpcStatusOf(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(status.UNAVAILABLE);
    expect(grpcStatusOf(new TypeError('undefined is not a function'))).toBe(status.INTERNAL);
  });
});
