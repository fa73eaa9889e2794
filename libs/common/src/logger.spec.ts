import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createLogger, requestContext } from './logger.js';

describe('createLogger', () => {
  const lines: string[] = [];
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);

  afterEach(() => {
    lines.length = 0;
  });

  it('should write one JSON object a line with severity, and the request correlation id', () => {
    const sut = createLogger('log');
    requestContext.run({ correlationId: 'trace-1' }, () => sut.log('inside', 'Ctx'));
    sut.log('outside', 'Ctx');
    write.mockRestore();
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({
      severity: 'INFO',
      level: 'log',
      message: 'inside',
      context: 'Ctx',
      correlation_id: 'trace-1',
    });
    expect(outside).not.toHaveProperty('correlation_id');
  });

  it('should drop lines below LOG_LEVEL', () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    createLogger('warn').log('hidden');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
