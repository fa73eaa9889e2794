import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { OpenAPIObject } from '@nestjs/swagger';
import { status } from '@grpc/grpc-js';
import { classify, httpStatusOf } from '@fitness/common';
import { DOCUMENTED_ERRORS } from './api-docs.js';
import { OFFLINE_PLACEHOLDER_ENV, offlineOpenApiDocument } from './openapi.js';

type Operation = {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  [key: string]: unknown;
};

describe(offlineOpenApiDocument.name, () => {
  let sut: OpenAPIObject;
  let trap: Server;
  let connections = 0;
  const saved = { ...process.env };

  beforeAll(async () => {
    // Every store and service the gateway uses points at a listener that counts connections.
    trap = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const { port } = trap.address() as { port: number };
    Object.assign(process.env, {
      ...OFFLINE_PLACEHOLDER_ENV,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      USER_SERVICE_TARGET: `ipv4:127.0.0.1:${port}`,
      ACTIVITY_SERVICE_TARGET: `ipv4:127.0.0.1:${port}`,
    });
    sut = await offlineOpenApiDocument();
    await new Promise((r) => setTimeout(r, 200));
  }, 30_000);

  afterAll(async () => {
    process.env = saved;
    await new Promise((r) => trap.close(r));
  });

  const operations = (): [string, Operation][] =>
    Object.entries(sut.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(
        ([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation],
      ),
    );

  it('should be built without connecting to anything', () => {
    expect(operations().length).toBeGreaterThanOrEqual(12);
    expect(connections).toBe(0);
  });

  it('should require the bearer token everywhere but register and login', () => {
    expect(sut.security).toEqual([{ bearer: [] }]);
    expect(sut.components?.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
    const open = operations()
      .filter(([, op]) => op.security !== undefined)
      .map(([name, op]) => [name, op.security]);
    expect(open).toEqual([
      ['POST /users/register', []],
      ['POST /users/login', []],
    ]);
  });

  it('should document a typed success (or 204 with no body) and the one error body on every operation', () => {
    for (const [name, op] of operations()) {
      const codes = Object.keys(op.responses);
      const success = codes.filter((c) => c.startsWith('2'));
      expect({ name, success: success.length }).toEqual({ name, success: 1 });
      // 204 No Content: a success with no body at all.
      if (success[0] === '204') {
        expect({ name, content: op.responses['204']?.content }).toEqual({
          name,
          content: undefined,
        });
      } else {
        const body = op.responses[success[0]]?.content?.['application/json']?.schema;
        expect({ name, ref: body?.$ref }).toEqual({ name, ref: expect.any(String) });
      }
      for (const code of codes.filter((c) => !c.startsWith('2'))) {
        const schema = op.responses[code]?.content?.['application/json']?.schema;
        expect({ name, code, ref: schema?.$ref }).toEqual({
          name,
          code,
          ref: '#/components/schemas/ErrorBody',
        });
      }
      expect({ name, has503: codes.includes('503') }).toEqual({ name, has503: true });
    }
  });
});

describe('DOCUMENTED_ERRORS', () => {
  it('should pair each status with the code the error classifier answers for it', () => {
    for (const [httpStatus, { code }] of Object.entries(DOCUMENTED_ERRORS)) {
      const grpcCode = status[code as keyof typeof status] as status | undefined;
      const answered =
        grpcCode === undefined
          ? classify(Object.assign(new Error('refused'), { statusCode: Number(httpStatus) })).code
          : code;
      const mapped = grpcCode === undefined ? Number(httpStatus) : httpStatusOf(grpcCode);
      expect({ code, answered, mapped }).toEqual({ code, answered: code, mapped: +httpStatus });
    }
  });
});
