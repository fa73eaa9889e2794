import { EventEmitter } from 'node:events';
import { describe, expect, it, jest } from '@jest/globals';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, of, type Observable } from 'rxjs';
import { bindPlainHandlers } from './plain-handlers.js';

/** What Nest's transformToObservable does with a handler's result. */
function toObservable(result: unknown): Observable<unknown> {
  if (isObservable(result)) return result;
  if (result instanceof Promise) return from(result);
  return of(result);
}

/** A socket whose incoming events `client.emit` sends, and whose own emits land in `sent`. */
function bound(
  handler: (data: unknown, ack?: unknown) => unknown,
  isAckHandledManually = false,
): { client: EventEmitter; sent: unknown[][]; errors: unknown[] } {
  const client = new EventEmitter();
  const sent: unknown[][] = [];
  const errors: unknown[] = [];
  const socket = {
    on: (event: string, listener: (...args: unknown[]) => void) => client.on(event, listener),
    emit: (event: string, ...args: unknown[]) => sent.push([event, ...args]) > 0,
  };
  const handlers: MessageMappingProperties[] = [
    { message: 'chat', methodName: 'chat', callback: handler as never, isAckHandledManually },
  ];
  bindPlainHandlers(socket as never, handlers, toObservable, { error: (e) => errors.push(e) });
  return { client, sent, errors };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('bindPlainHandlers', () => {
  it('should hand the data to the handler and its answer to the ack', async () => {
    const handler = jest.fn((data: unknown, _ack?: unknown) =>
      Promise.resolve({ ok: true, echo: data }),
    );
    const { client } = bound(handler);
    const ack = jest.fn();

    client.emit('chat', { text: 'hi' }, ack);
    await settle();

    expect(handler).toHaveBeenCalledWith({ text: 'hi' }, ack);
    expect(ack).toHaveBeenCalledWith({ ok: true, echo: { text: 'hi' } });
  });

  it('should pass the data alone, several arguments as an array, and nothing as undefined', async () => {
    const handler = jest.fn(() => undefined);
    const { client } = bound(handler);

    client.emit('chat', 'one');
    client.emit('chat', 'a', 'b');
    client.emit('chat');
    await settle();

    expect(handler.mock.calls).toEqual([
      ['one', undefined],
      [['a', 'b'], undefined],
      [undefined, undefined],
    ]);
  });

  it('should emit an {event, data} answer instead of acking it', async () => {
    const { client, sent } = bound(() => ({ event: 'chat_ok', data: { n: 1 } }));
    const ack = jest.fn();

    client.emit('chat', {}, ack);
    await settle();

    expect(sent).toEqual([['chat_ok', { n: 1 }]]);
    expect(ack).not.toHaveBeenCalled();
  });

  it('should leave the ack to a handler that answers it itself', async () => {
    const { client } = bound(() => ({ ok: true }), true);
    const ack = jest.fn();

    client.emit('chat', {}, ack);
    await settle();

    expect(ack).not.toHaveBeenCalled();
  });

  it('should log a failing handler (thrown or rejected) and still serve the next message', async () => {
    let calls = 0;
    const { client, errors } = bound((data) => {
      calls += 1;
      if (data === 'throw') throw new Error('sync boom');
      if (data === 'reject') return Promise.reject(new Error('async boom'));
      return { ok: true };
    });
    const ack = jest.fn();

    client.emit('chat', 'throw', jest.fn());
    client.emit('chat', 'reject', jest.fn());
    client.emit('chat', 'fine', ack);
    await settle();

    expect(calls).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync boom', 'async boom']);
    expect(ack).toHaveBeenCalledWith({ ok: true });
  });

  it('should keep one plain listener per event on the socket, nothing per message', async () => {
    const { client } = bound(() => ({ ok: true }));
    for (let i = 0; i < 5; i++) client.emit('chat', i, jest.fn());
    await settle();

    expect(client.eventNames()).toEqual(['chat']);
    expect(client.listenerCount('chat')).toBe(1);
  });
});
