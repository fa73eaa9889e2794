import { ValidateBy, type ValidationOptions } from 'class-validator';
import { unsafeTextReason } from '@fitness/common';

/**
 * A string a client may send: no control characters (line breaks only with `multiline`, for chat
 * messages) and no unpaired surrogates. Every string field of a request carries it: such
 * characters mean nothing in an email, a name or an id, and the stores refuse or mangle them.
 */
export function IsSafeText(
  options: { multiline?: boolean } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSafeText',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && unsafeTextReason(value, options.multiline) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${
            typeof args?.value === 'string'
              ? (unsafeTextReason(args.value, options.multiline) ?? 'is not valid text')
              : 'must be a string'
          }`,
      },
    },
    validationOptions,
  );
}
