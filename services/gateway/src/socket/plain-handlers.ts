import type { LoggerService } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Socket } from 'socket.io';

/**
 * Binds a gateway's `@SubscribeMessage` handlers to one socket as one plain listener per event.
 *
 * Nest's IoAdapter builds an rxjs pipeline per event and socket (fromEvent → mergeMap →
 * takeUntil(disconnect)) that lives as long as the socket: with six events that was ≈ 150
 * closures and 24 subscribers, ≈ 26 KB of heap per idle socket (bench/heap-diff.mjs). Here a
 * pipeline exists only while an event is handled, with the same outcome as Nest's: an answer
 * `{event, data}` is emitted, any other non-empty answer goes to the ack, and a handler's failure
 * is logged without silencing the event for later messages.
 */
export function bindPlainHandlers(
  socket: Pick<Socket, 'on' | 'emit'>,
  handlers: MessageMappingProperties[],
  transform: (data: unknown) => Observable<unknown>,
  log: Pick<LoggerService, 'error'>,
): void {
  for (const { message, callback, isAckHandledManually } of handlers) {
    socket.on(String(message), (...payload: unknown[]) => {
      const { data, ack } = splitPayload(payload);
      let answer: Observable<unknown>;
      try {
        answer = transform(callback(data, ack));
      } catch (err) {
        log.error(err);
        return;
      }
      answer.subscribe({
        next: (response) => {
          if (response === null || response === undefined) {
            return;
          }
          const { event, data: out } = response as { event?: unknown; data?: unknown };
          if (typeof event === 'string' && event) {
            socket.emit(event, out);
          } else if (!isAckHandledManually && ack) {
            ack(response);
          }
        },
        error: (err: unknown) => {
          log.error(err);
        },
      });
    });
  }
}

/** The event's arguments as Nest hands them to a handler: the data, and the ack if one came last. */
function splitPayload(payload: unknown[]): { data: unknown; ack?: (answer: unknown) => void } {
  const last = payload[payload.length - 1];
  const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
  const args = ack ? payload.slice(0, -1) : payload;
  return { data: args.length <= 1 ? args[0] : args, ...(ack ? { ack } : {}) };
}
