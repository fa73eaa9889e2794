import { applyDecorators } from '@nestjs/common';
import {
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  DECORATORS,
} from '@nestjs/swagger';
import { MESSAGES, type ErrorBody, type ErrorDetail } from '@fitness/common';

// The OpenAPI side of what every route shares: the one error body, the error statuses and which
// routes need no token. Controllers name statuses; descriptions and examples live only here.

@ApiSchema({ name: 'ErrorDetail' })
class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ example: 'email', description: 'the offending field, as a dotted path' })
  field: string;
  @ApiProperty({ example: 'email must be a valid email address' })
  message: string;
}

@ApiSchema({ name: 'Error' })
class ErrorDto {
  @ApiProperty({
    example: 'INVALID_ARGUMENT',
    description:
      'the gRPC status name (INVALID_ARGUMENT, UNAUTHENTICATED, ...) or an HTTP-layer name such as PAYLOAD_TOO_LARGE',
  })
  code: string;
  @ApiProperty({ example: 'email must be a valid email address' })
  message: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto], description: 'the fields at fault, if any' })
  details?: ErrorDetailDto[];
}

/** Every error answer of the API: {"error": {"code", "message", "details"?}}. */
@ApiSchema({ name: 'ErrorBody', description: 'The one error shape of every route' })
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: ErrorDto })
  error: ErrorDto;
}

interface DocumentedError {
  code: string;
  description: string;
  message: string;
  details?: ErrorDetail[];
  /** The answer carries Retry-After. */
  retryAfter?: boolean;
}

/** The error statuses routes may declare, with the `code` each answers (see classify.ts). */
export const DOCUMENTED_ERRORS = {
  400: {
    code: 'INVALID_ARGUMENT',
    description:
      'An unknown, missing or wrong-typed field, a bad date or number, malformed JSON (`details` names the fields); FAILED_PRECONDITION when the state forbids it (ending a workout twice)',
    message: 'email must be a valid email address',
    details: [{ field: 'email', message: 'email must be a valid email address' }],
  },
  401: {
    code: 'UNAUTHENTICATED',
    description: 'No, malformed, bad or expired bearer token (or, at login, wrong credentials)',
    message: 'missing bearer token: send Authorization: Bearer <token>',
  },
  403: {
    code: 'PERMISSION_DENIED',
    description: "Another user's user_id, workout or group session",
    message: "you can only access your own user's resources",
  },
  404: {
    code: 'NOT_FOUND',
    description: 'No such resource (or route)',
    message: 'workout session not found',
  },
  409: {
    code: 'ALREADY_EXISTS',
    description: 'The email or the username (in any case) is taken',
    message: 'email is already registered',
    details: [{ field: 'email', message: 'email is already registered' }],
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    description: 'The body is larger than BODY_LIMIT',
    message: 'Request body is too large',
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    description: 'The body is not application/json',
    message: 'Unsupported Media Type',
  },
  429: {
    code: 'RESOURCE_EXHAUSTED',
    description: 'Too many attempts from this client or for this account: retry after Retry-After',
    message: 'too many login attempts: retry in 42 s',
    retryAfter: true,
  },
  503: {
    code: 'UNAVAILABLE',
    description:
      'A service or its store is unavailable, or its circuit breaker is open: retry after Retry-After',
    message: MESSAGES.serviceUnavailable,
    retryAfter: true,
  },
  504: {
    code: 'DEADLINE_EXCEEDED',
    description: 'A service did not answer within the deadline',
    message: MESSAGES.deadline,
  },
} as const satisfies Record<number, DocumentedError>;

export type ErrorStatus = keyof typeof DOCUMENTED_ERRORS;

const RETRY_AFTER = {
  'Retry-After': {
    description: 'seconds after which a retry may succeed',
    schema: { type: 'integer', minimum: 1 },
  },
} as const;

/** Documents the error answers of a route (or of every route of a controller). */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const e: DocumentedError = DOCUMENTED_ERRORS[status];
      return ApiResponse({
        status,
        description: `${e.code}: ${e.description}`,
        type: ErrorBodyDto,
        example: {
          error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
        },
        ...(e.retryAfter ? { headers: RETRY_AFTER } : {}),
      });
    }),
  );
}

/** The errors of every route that calls a service: 503 (with Retry-After) and 504. */
export const UPSTREAM_ERRORS = [503, 504] as const satisfies ErrorStatus[];
/** The errors of a route that reads a JSON body. */
export const BODY_ERRORS = [400, 413, 415] as const satisfies ErrorStatus[];

/** The `{user_id}` of a route: the caller's own (anyone else's is 403). */
export const ApiUserIdParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'user_id', format: 'uuid', description: 'your own user_id (as login answers)' });

/**
 * Marks routes that need no token in the document: `security: []` overrides the document's
 * bearer requirement. Applied by `@Public()`, so the guard and the document follow one marker.
 */
export function ApiNoAuth(): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const methods = descriptor
      ? [descriptor.value as object]
      : Object.getOwnPropertyNames((target as { prototype: object }).prototype)
          .filter((name) => name !== 'constructor')
          .map((name) => (target as { prototype: Record<string, object> }).prototype[name]);
    for (const method of methods) {
      // Merged like @ApiOperation's own metadata, so either may come first.
      const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, method) ?? {}) as object;
      Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, method);
    }
  };
}
