import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Counter } from 'prom-client';
import type { Socket } from 'socket.io';
import type { AckAnswers, AckOf, ClientEvent } from '@fitness/client';
import {
  ResourceExhaustedError,
  classify,
  logClassified,
  runInRequestContext,
  toAck,
} from '@fitness/common';
import { validated } from '../http/validation.js';
import { socketData, socketUser } from './socket-user.js';

const logger = new Logger('SocketEvents');
const tracer = trace.getTracer('fitness-gateway');

const eventsIn = new Counter({
  name: 'socket_events_received_total',
  help: 'Socket.IO events received from clients, by event and outcome (ok, or the error code)',
  labelNames: ['event', 'outcome'] as const,
});

/**
 * How every client→server event is answered: the payload is validated like a REST body, the action
 * runs after the socket's previous events (each sender's updates go out in send order) inside a
 * request context of its own (its correlation id on every log line and onward gRPC call), and
 * every outcome becomes an ack, refusals rendered by the same classifier as REST errors. Events
 * beyond the socket's allowance of unanswered ones are refused at once (RESOURCE_EXHAUSTED).
 */
export function answerEvent<E extends ClientEvent, T extends object>(
  socket: Socket,
  event: E,
  cls: new () => T,
  body: unknown,
  action: (dto: T) => Promise<AckAnswers[E]>,
): Promise<AckOf<E>> {
  const data = socketData(socket);
  const pending = data.pending ?? 0;
  if (pending >= (data.maxPending ?? Number.POSITIVE_INFINITY)) {
    // A client that does not wait for its acks must not grow this process's memory without end.
    eventsIn.inc({ event, outcome: 'RESOURCE_EXHAUSTED' });
    return Promise.resolve(
      toAck(
        classify(
          new ResourceExhaustedError(
            `too many events waiting on this connection: wait for their acks (at most ${pending})`,
          ),
        ),
      ),
    );
  }
  data.pending = pending + 1;
  const run = (): Promise<AckOf<E>> =>
    runInRequestContext(randomUUID(), () =>
      // With tracing on, each event is the root of a trace, like a REST request.
      tracer.startActiveSpan(
        `socket ${event}`,
        { kind: SpanKind.SERVER, attributes: { 'enduser.id': socketUser(socket).userId } },
        async (span): Promise<AckOf<E>> => {
          try {
            const dto = await validated(cls, body);
            const answer = { ok: true as const, ...(await action(dto)) };
            eventsIn.inc({ event, outcome: 'ok' });
            return answer;
          } catch (err) {
            const classified = classify(err);
            logClassified(logger, classified, err, `${event} of ${socketUser(socket).userId}: `);
            eventsIn.inc({ event, outcome: classified.code });
            span.setStatus({ code: SpanStatusCode.ERROR, message: classified.code });
            return toAck(classified);
          } finally {
            span.end();
          }
        },
      ),
    );
  const result = (data.queue ?? Promise.resolve()).then(run, run).finally(() => {
    data.pending = (data.pending ?? 1) - 1;
  });
  data.queue = result;
  return result;
}
