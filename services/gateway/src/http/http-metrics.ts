import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Histogram } from 'prom-client';

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route template, method and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

const inFlight = new Gauge({
  name: 'http_requests_in_flight',
  help: 'HTTP requests received and not yet answered (or aborted) on this replica',
});

/**
 * Counts the requests in flight (saturation, and what a shutdown drains) and observes every
 * response, errors and 404s included, labelled by the route template (never the raw URL, which
 * would explode the label set with ids).
 */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  // A request answered after its client went away ends twice (abort, then response): once here.
  const open = new WeakSet<FastifyRequest>();
  const settle = (request: FastifyRequest): void => {
    if (open.delete(request)) {
      inFlight.dec();
    }
  };
  fastify.addHook('onRequest', (request, _reply, done) => {
    open.add(request);
    inFlight.inc();
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    settle(request);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    settle(request);
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
