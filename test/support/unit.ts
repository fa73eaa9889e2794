import type { DomainError } from '@fitness/common';

// Helpers of the unit specs beside the code (services/*/src/**/*.spec.ts).

/** The gRPC status code of the DomainError a call fails with; undefined when it succeeds. */
export async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return (err as DomainError).code;
  }
}
