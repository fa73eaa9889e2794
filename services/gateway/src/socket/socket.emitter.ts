import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  GroupUpdate,
  GroupUpdateData,
  ServerToClientEvents,
  UpdateType,
} from '@fitness/client';

const eventsOut = new Counter({
  name: 'socket_events_sent_total',
  help: 'Socket.IO events this replica emitted (a room broadcast counts once), by event',
  labelNames: ['event'] as const,
});

/** The Socket.IO server, typed with the events of the client library (the one contract). */
export type EventsServer = Server<ClientToServerEvents, ServerToClientEvents>;

export const sessionRoom = (sessionId: string): string => `gs:${sessionId}`;
export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * The one place events leave the gateway. Room broadcasts go through the Redis adapter to every
 * replica; `toLocalUser` reaches only this replica's sockets (used when every replica is already
 * told, as with goal alerts, so no socket gets an event twice).
 */
@Injectable()
export class SocketEmitter {
  private server?: EventsServer;

  attach(server: EventsServer): void {
    this.server = server;
  }

  get io(): EventsServer {
    if (!this.server) {
      throw new Error('Socket.IO server not initialised');
    }
    return this.server;
  }

  groupUpdate<T extends UpdateType>(
    sessionId: string,
    updateType: T,
    data: GroupUpdateData[T],
  ): void {
    eventsOut.inc({ event: `group_update:${updateType}` });
    const update = { session_id: sessionId, update_type: updateType, data } as GroupUpdate;
    this.io.to(sessionRoom(sessionId)).emit('group_update', update);
  }

  /** Number of this replica's sockets of the user. */
  localSockets(userId: string): number {
    return this.io.of('/').adapter.rooms.get(userRoom(userId))?.size ?? 0;
  }

  toLocalUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    eventsOut.inc({ event });
    this.io.local.to(userRoom(userId)).emit(event, ...args);
  }

  /** Every socket of the user, on every replica, joins or leaves the session's room. */
  userJoinsRoom(userId: string, sessionId: string): void {
    this.io.in(userRoom(userId)).socketsJoin(sessionRoom(sessionId));
  }

  userLeavesRoom(userId: string, sessionId: string): void {
    this.io.in(userRoom(userId)).socketsLeave(sessionRoom(sessionId));
  }

  closeSessionRoom(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).socketsLeave(sessionRoom(sessionId));
  }
}
