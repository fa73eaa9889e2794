import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min, ValidateIf } from 'class-validator';

// Request fields several DTOs declare alike. Each helper applies its decorators in the order they
// took effect when written one per line above the field (the lowest first), so the checks run,
// and the first failure is reported, as before.

/** A field a body may leave out but not send as null: checked whenever it is present. */
export const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** An optional finite number within `range`, e.g. a weight or a height. */
export function OptionalNumberIn(
  range: { readonly min: number; readonly max: number },
  example: number,
): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Max(range.max),
    Min(range.min),
    IfPresent(),
    ApiPropertyOptional({ example, minimum: range.min, maximum: range.max }),
  );
}

/** The `limit` query parameter of a list: a whole number from 1 to `max`, `fallback` if absent. */
export function LimitQuery(max: number, fallback: number): PropertyDecorator {
  return applyDecorators(
    IsInt(),
    Max(max),
    Min(1),
    Type(() => Number),
    IsOptional(),
    ApiPropertyOptional({ minimum: 1, maximum: max, default: fallback }),
  );
}
