import { status } from '@grpc/grpc-js';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The one error body of the API: {"error": {"code", "message", "details"?}}. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** gRPC status → HTTP status, the single table of the gateway (grpc-gateway's mapping). */
export const HTTP_STATUS_OF_GRPC: Readonly<Record<number, number>> = {
  [status.OK]: 200,
  [status.INVALID_ARGUMENT]: 400,
  [status.FAILED_PRECONDITION]: 400,
  [status.OUT_OF_RANGE]: 400,
  [status.UNAUTHENTICATED]: 401,
  [status.PERMISSION_DENIED]: 403,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.ABORTED]: 409,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.CANCELLED]: 499,
  [status.UNIMPLEMENTED]: 501,
  [status.UNAVAILABLE]: 503,
  [status.DEADLINE_EXCEEDED]: 504,
};

export function httpStatusOfGrpc(code: number): number {
  return HTTP_STATUS_OF_GRPC[code] ?? 500;
}

/** Error codes for HTTP-level failures, named like their gRPC counterparts. */
export const CODE_OF_HTTP_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ALREADY_EXISTS',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RESOURCE_EXHAUSTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}
