import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerSecurityHeaders, securityHeaders } from './security-headers.js';

async function headersOf(
  setUp: (app: FastifyInstance) => Promise<void>,
): Promise<Record<string, unknown>[]> {
  const app = Fastify({ logger: false });
  try {
    await setUp(app);
    app.get('/thing', () => ({ ok: true }));
    app.get('/fails', () => {
      throw new Error('boom');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const answers = await Promise.all(
      ['/thing', '/fails', '/nowhere'].map((path) => fetch(`http://127.0.0.1:${port}${path}`)),
    );
    // Everything but the date, which moves.
    return answers.map((res) =>
      Object.fromEntries([...res.headers].filter(([name]) => name !== 'date')),
    );
  } finally {
    await app.close();
  }
}

describe(registerSecurityHeaders.name, () => {
  it('should send exactly the headers @fastify/helmet sends, on answers, errors and 404s', async () => {
    const ours = await headersOf((app) => {
      registerSecurityHeaders(app, { hsts: false });
      return Promise.resolve();
    });
    const theirs = await headersOf(async (app) => {
      await app.register(helmet, { hsts: false });
    });
    expect(ours).toEqual(theirs);
  });

  it('should include the usual hardening headers and leave HSTS to the TLS terminator', () => {
    const headers = securityHeaders({ hsts: false });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['content-type']).toBeUndefined();
  });
});
