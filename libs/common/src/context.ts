import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** HTTP header and gRPC metadata key of the id that follows one request through every service. */
export const CORRELATION_METADATA = 'x-correlation-id';

/** What follows one request (a REST call, a socket event, a gRPC call) through every service. */
export interface RequestContext {
  correlationId: string;
}

/**
 * The request being served. The gateway opens it for every REST request and socket event, the
 * services for every gRPC call (from the caller's metadata); the logger stamps its id on every
 * line and the gRPC client forwards it, so no code passes it by hand.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's id when it is sane (it ends up in logs and headers), else a new UUID. */
export function acceptCorrelationId(given: unknown): string {
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** Runs `fn` as one request with that correlation id. */
export function runInRequestContext<T>(correlationId: string, fn: () => T): T {
  return requestContext.run({ correlationId }, fn);
}
