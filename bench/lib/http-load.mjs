// HTTP load with autocannon (many connections at once, from its own event loop): the rate a path
// sustains and its latency percentiles, measured by a real load generator, not a fetch loop.
import autocannon from 'autocannon';

/**
 * Runs one path for `seconds` over `connections` connections. `expect` is the status class that
 * counts as served ('2xx', or '4xx' for a path that is meant to refuse); anything else and every
 * socket error or timeout is an error. `requests` varies each request (autocannon's setupRequest),
 * e.g. to end a different workout every time.
 */
export async function load({
  url,
  seconds,
  connections,
  headers = {},
  method = 'GET',
  body,
  requests,
  expect = '2xx',
}) {
  const result = await autocannon({
    url,
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    connections,
    duration: seconds,
    ...(requests ? { requests } : {}),
  });
  const served = result[expect];
  return {
    rate: served / seconds,
    served,
    errors: result.errors + result.timeouts + (result.requests.total - served),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
