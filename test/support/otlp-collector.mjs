// An in-memory OTLP/HTTP trace collector for the system tests (plain JS: Jest's global setup loads it
// without the TypeScript transform's module mapping; types in otlp-collector.d.mts).
import { createServer } from 'node:http';

/** Where the test stack's processes send their traces (OTLP over HTTP, JSON; profile `test`). */
export const OTLP_PORT = 4399;
const MAX_SPANS = 100_000;

function attributes(list = []) {
  return Object.fromEntries(
    list.map((a) => [
      a.key,
      a.value.stringValue ?? a.value.intValue ?? a.value.boolValue ?? a.value.doubleValue,
    ]),
  );
}

/**
 * The stack's processes export to it, the tests read what it holds (GET /spans). Started and
 * stopped by the Jest global setup.
 */
export function startCollector(port = OTLP_PORT) {
  const spans = [];
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/spans') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(spans));
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const rs of body.resourceSpans ?? []) {
          const resource = attributes(rs.resource?.attributes);
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) {
              if (spans.length < MAX_SPANS) {
                spans.push({
                  traceId: s.traceId,
                  spanId: s.spanId,
                  ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
                  name: s.name,
                  kind: s.kind,
                  service: String(resource['service.name']),
                  instance: String(resource['service.instance.id']),
                  attributes: attributes(s.attributes),
                });
              }
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** What the collector holds now. */
export async function collectedSpans() {
  const res = await fetch(`http://127.0.0.1:${OTLP_PORT}/spans`);
  return res.json();
}
