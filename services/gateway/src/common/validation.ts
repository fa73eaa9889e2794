import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from './api-error.js';

export class ValidationFailedException extends BadRequestException {
  constructor(readonly details: ErrorDetail[]) {
    super(details.length === 1 ? details[0].message : `${details.length} fields are invalid`);
  }
}

/** Flattens nested class-validator errors into {field, message} pairs (field as a dotted path). */
export function toDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, '$1 is not an allowed field'),
    }));
    return [...own, ...toDetails(e.children ?? [], field)];
  });
}

/**
 * Bodies and queries are validated strictly: unknown fields, missing fields and wrong types are
 * 400 naming the field. No implicit type conversion: "5" is not a number in a JSON body.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(toDetails(errors)),
  });
}
