import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { Server } from 'socket.io';

const eventsOut = new Counter({
  name: 'socket_events_sent_total',
  help: 'Socket.IO events this replica emitted (a room broadcast counts once), by event',
  labelNames: ['event'] as const,
});

export type UpdateType = 'joined' | 'left' | 'message' | 'exercise' | 'ended';

export const sessionRoom = (sessionId: string): string => `gs:${sessionId}`;
export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * The one place events leave the gateway. Room broadcasts go through the Redis adapter to every
 * replica; `toLocalUser` reaches only this replica's sockets (used when every replica is already
 * told, as with goal alerts, so no socket gets an event twice).
 */
@Injectable()
export class SocketEmitter {
  private server?: Server;

  attach(server: Server): void {
    this.server = server;
  }

  get io(): Server {
    if (!this.server) {
      throw new Error('Socket.IO server not initialised');
    }
    return this.server;
  }

  groupUpdate(sessionId: string, updateType: UpdateType, data: unknown): void {
    eventsOut.inc({ event: `group_update:${updateType}` });
    this.io
      .to(sessionRoom(sessionId))
      .emit('group_update', { session_id: sessionId, update_type: updateType, data });
  }

  /** Number of this replica's sockets of the user. */
  localSockets(userId: string): number {
    return this.io.of('/').adapter.rooms.get(userRoom(userId))?.size ?? 0;
  }

  toLocalUser(userId: string, event: string, payload: unknown): void {
    eventsOut.inc({ event });
    this.io.local.to(userRoom(userId)).emit(event, payload);
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
