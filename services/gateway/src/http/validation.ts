import {
  Param,
  ParseUUIDPipe,
  ValidationPipe,
  type ValidationError as ClassValidatorError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { InvalidArgumentError, ValidationError, type ErrorDetail } from '@fitness/common';

/** Flattens nested class-validator errors into {field, message} pairs (field as a dotted path). */
export function toDetails(errors: ClassValidatorError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, '$1 is not an allowed field'),
    }));
    return [...own, ...toDetails(e.children ?? [], field)];
  });
}

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
} as const;

/**
 * REST bodies and queries are validated strictly: unknown fields, missing fields and wrong types
 * are 400 naming the field. No implicit type conversion: "5" is not a number in a JSON body.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationError(toDetails(errors)),
  });
}

/** Deeper than any request of the API: a deeper one is refused before anything walks it. */
export const MAX_PAYLOAD_DEPTH = 8;
/** Keys that name an object's machinery, never data: refused wherever they appear. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses, without recursion, a payload nested deeper than MAX_PAYLOAD_DEPTH (class-transformer
 * would recurse until the stack ran out: a 500 for a 4 KB body) or holding a reserved key at any
 * depth (class-transformer takes `constructor` for the class to build).
 */
export function checkPayloadShape(payload: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: payload, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth >= MAX_PAYLOAD_DEPTH) {
      throw new InvalidArgumentError(
        `the payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`,
        path || undefined,
      );
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) {
        throw new InvalidArgumentError(`${field} is not an allowed field`, field);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
}

/** A socket event's payload, checked by the same rules as a REST body. */
export async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgumentError('the payload must be an object');
  }
  checkPayloadShape(body);
  const dto = plainToInstance(cls, body);
  const errors = await validate(dto, VALIDATOR_OPTIONS);
  if (errors.length > 0) {
    throw new ValidationError(toDetails(errors));
  }
  return dto;
}

/** A route's `:name` parameter that must be a UUID: 400 naming it otherwise. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new InvalidArgumentError(`${name} must be a UUID`, name),
    }),
  );
