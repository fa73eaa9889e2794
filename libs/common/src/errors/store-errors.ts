// What the drivers of our stores (pg via TypeORM, mongodb via mongoose, ioredis) throw, sorted into
// "the store is away" (UNAVAILABLE: retry later) and everything else.

// Node socket errors and the connection failures of the database drivers (pg, mongodb, ioredis):
// the store is unreachable for now, which is UNAVAILABLE (retry later), not an internal bug.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'EAI_AGAIN',
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-03 (server shutting down or
// starting), 53300 (too many connections).
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);
// The last four: ioredis failing fast while Redis is away (no offline queue, bounded retries) or
// stalls (commandTimeout).
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue|max retries per request|Command timed out/i;

/**
 * True when an error means a store or network peer could not be reached (as opposed to a bug or a
 * bad query). Looks through wrappers: TypeORM's `driverError` and the standard `cause`.
 */
export function isUnavailableError(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) {
    return false;
  }
  const { code, driverError, cause } = err as {
    code?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || PG_UNAVAILABLE.test(code))) {
    return true;
  }
  if (UNAVAILABLE_ERROR_NAMES.has(err.name) || UNAVAILABLE_MESSAGES.test(err.message)) {
    return true;
  }
  return isUnavailableError(driverError, depth + 1) || isUnavailableError(cause, depth + 1);
}

/** What the database refused about a value a request carried, when it did. */
export interface RefusedValue {
  /** ALREADY_EXISTS for a unique key taken, INVALID_ARGUMENT for anything else. */
  kind: 'duplicate' | 'invalid';
  /** The column or path, when the driver names it. */
  field?: string;
}

// MongoDB server codes for a value it cannot take: BadValue, FailedToParse, TypeMismatch,
// DollarPrefixedFieldName, EmptyFieldName, DottedFieldName, BSONObjectTooLarge, document too
// large (17419, 17420).
const MONGO_VALUE_CODES = new Set([2, 9, 14, 52, 56, 57, 10334, 17419, 17420]);

/**
 * A failure caused by a value (as opposed to an outage or a bug): PostgreSQL SQLSTATE classes 22
 * (data exception: bad encoding, out of range, NUL in text…) and 23 (integrity), mongoose's
 * validation and cast errors, BSON's own refusals and MongoDB's bad-value codes. Looks through
 * TypeORM's `driverError` and `cause`.
 */
export function refusedValue(err: unknown, depth = 0): RefusedValue | undefined {
  if (!(err instanceof Error) || depth > 3) {
    return undefined;
  }
  const { code, driverError, cause, column, path } = err as {
    code?: unknown;
    driverError?: unknown;
    cause?: unknown;
    column?: unknown;
    path?: unknown;
  };
  const field =
    typeof column === 'string' && column
      ? column
      : typeof path === 'string' && path
        ? path
        : undefined;
  if (typeof code === 'string' && /^2[23]...$/.test(code)) {
    return { kind: code === '23505' ? 'duplicate' : 'invalid', ...(field ? { field } : {}) };
  }
  if (err.name === 'ValidationError' || err.name === 'CastError' || err.name.startsWith('BSON')) {
    return { kind: 'invalid', ...(field ? { field } : {}) };
  }
  if (err.name.startsWith('Mongo') && typeof code === 'number') {
    if (code === 11000) {
      return { kind: 'duplicate' };
    }
    if (MONGO_VALUE_CODES.has(code)) {
      return { kind: 'invalid' };
    }
  }
  return refusedValue(driverError, depth + 1) ?? refusedValue(cause, depth + 1);
}
