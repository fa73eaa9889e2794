import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { runInRequestContext } from '@fitness/common';
import { ConnectionRegistry } from './connection-registry.js';
import { SocketAuth } from './socket-auth.js';
import { SocketEmitter } from './socket.emitter.js';
import { socketUser } from './socket-user.js';

/**
 * The Socket.IO server of the gateway (same port as REST, rooms shared by every replica through the
 * Redis adapter): authentication in the handshake, and the connection lifecycle. Features add
 * their own event handlers in gateways of their own on the same server.
 */
@WebSocketGateway({ cors: { origin: true } })
export class SocketGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  private readonly server: Server;

  constructor(
    private readonly auth: SocketAuth,
    private readonly emitter: SocketEmitter,
    private readonly registry: ConnectionRegistry,
  ) {}

  afterInit(server: Server): void {
    this.emitter.attach(server);
    server.use(this.auth.middleware());
  }

  // Connecting and disconnecting are requests of their own: their logs and calls share an id.
  async handleConnection(socket: Socket): Promise<void> {
    if (socketUser(socket).userId) {
      await runInRequestContext(randomUUID(), () => this.registry.connected(socket));
    }
  }

  async handleDisconnect(socket: Socket): Promise<void> {
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
