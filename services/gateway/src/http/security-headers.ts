import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type HelmetMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;
type Helmet = (options: object) => HelmetMiddleware;

/** helmet itself, as @fastify/helmet loads it (its own dependency, the very same version). */
function loadHelmet(): Helmet {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@fastify/helmet'))('helmet') as Helmet;
}

/**
 * The headers @fastify/helmet sets with `options`, worked out once: its middleware run against a
 * response that records them. They are the same for every request here (no per-route helmet
 * options, no CSP nonces, no function-valued directives).
 */
export function securityHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  let failure: Error | undefined;
  const next = (err?: unknown): void => {
    if (err !== undefined && err !== null) {
      failure = err instanceof Error ? err : new Error('helmet refused its options');
    }
  };
  loadHelmet()(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, next);
  if (failure) {
    throw failure;
  }
  return Object.fromEntries(headers);
}

/**
 * Security headers on every answer: the same ones as registering @fastify/helmet, which builds
 * helmet's middleware anew on every request (parsing the CSP directives each time, two hooks, a
 * reply decorator); here one hook sets a set computed at start-up.
 */
export function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: FastifyHelmetOptions,
): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
