import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import { Gauge } from 'prom-client';
import type { Socket } from 'socket.io';
import { ConfigService } from '@nestjs/config';
import { NotFoundError, classify, runInRequestContext, toAck } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';
import { ConnectionRegistry } from './connection-registry.js';
import { SocketAuth } from './socket-auth.js';
import { SocketEmitter, type EventsServer } from './socket.emitter.js';
import { socketData, socketUser } from './socket-user.js';

/**
 * The Socket.IO server of the gateway (same port as REST, rooms shared by every replica through the
 * Redis adapter): authentication in the handshake, and the connection lifecycle. Features add
 * their own event handlers in gateways of their own on the same server.
 */
@WebSocketGateway()
export class SocketGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  private readonly server: EventsServer;

  private readonly maxPending: number;

  constructor(
    private readonly auth: SocketAuth,
    private readonly emitter: SocketEmitter,
    private readonly registry: ConnectionRegistry,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.maxPending = config.get('SOCKET_MAX_PENDING_EVENTS', { infer: true });
  }

  afterInit(server: EventsServer): void {
    this.emitter.attach(server);
    server.use(this.auth.middleware());
    new Gauge({
      name: 'socket_connections',
      help: 'Socket.IO connections open on this replica',
      collect() {
        this.set(server.engine?.clientsCount ?? 0);
      },
    });
  }

  // Connecting and disconnecting are requests of their own: their logs and calls share an id.
  async handleConnection(socket: Socket): Promise<void> {
    if (socketUser(socket).userId) {
      socketData(socket).maxPending = this.maxPending;
      answerUnknownEvents(socket);
      closeAtExpiry(socket);
      await runInRequestContext(randomUUID(), () => this.registry.connected(socket));
    }
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    clearTimeout(socketData(socket).expiryTimer);
    if (socketUser(socket).userId) {
      await runInRequestContext(randomUUID(), () => this.registry.disconnected(socket));
    }
  }

  /** Tells every client of this replica to reconnect (to another replica) before it stops. */
  disconnectAllForShutdown(): void {
    this.server?.local.emit('server_shutdown', { reconnect: true });
    this.server?.local.disconnectSockets(true);
  }
}

/** setTimeout's longest delay; a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A socket lives no longer than the token it was opened with: at its expiry the client is told
 * why (`session_expired`) and disconnected; it reconnects with a fresh token.
 */
function closeAtExpiry(socket: Socket): void {
  const data = socketData(socket);
  const left = (data.expiresAt ?? 0) - Date.now();
  data.expiryTimer = setTimeout(
    () => {
      if (Date.now() >= (data.expiresAt ?? 0)) {
        socket.emit('session_expired', { reason: 'token_expired' });
        socket.disconnect(true);
      } else {
        closeAtExpiry(socket);
      }
    },
    Math.max(0, Math.min(left, MAX_TIMER_MS)),
  );
  data.expiryTimer.unref();
}

/**
 * Every event answers with an ack, an event no feature handles too: NOT_FOUND, like an unknown
 * REST route (without this its ack would never come, and the client would wait for its timeout).
 */
function answerUnknownEvents(socket: Socket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (socket.listenerCount(event) === 0 && typeof ack === 'function') {
      (ack as (answer: unknown) => void)(
        toAck(classify(new NotFoundError(`unknown event: ${String(event).slice(0, 64)}`))),
      );
    }
  });
}
