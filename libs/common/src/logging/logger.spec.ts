import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { runInRequestContext } from '../context.js';
import { pinoOptions } from './logger.js';

/** A pino logger with our options, writing into an array of parsed lines. */
function capture(level: Parameters<typeof pinoOptions>[0]): {
  logger: pino.Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(pinoOptions(level), stream), lines };
}

describe(pinoOptions.name, () => {
  it('should write one JSON object a line with severity, and the request correlation id', () => {
    const { logger, lines } = capture('log');
    runInRequestContext('trace-1', () => logger.info({ context: 'Ctx' }, 'inside'));
    logger.warn({ context: 'Ctx' }, 'outside');
    expect(lines[0]).toMatchObject({
      severity: 'INFO',
      level: 'info',
      message: 'inside',
      context: 'Ctx',
      correlation_id: 'trace-1',
    });
    expect(lines[1]).toMatchObject({ severity: 'WARNING', message: 'outside' });
    expect(lines[1]).not.toHaveProperty('correlation_id');
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('should drop lines below LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    logger.info('hidden');
    logger.error('shown');
    expect(lines.map((l) => l.message)).toEqual(['shown']);
  });
});
