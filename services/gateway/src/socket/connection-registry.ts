import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import { REDIS, errorMessage } from '@fitness/common';
import { userRoom } from './socket.emitter.js';
import { socketUser, type SocketUser } from './socket-user.js';

/** What a feature does when a user's socket comes or goes (group sessions, goal alerts). */
export interface ConnectionListener {
  /** A socket of the user connected to this replica (it is in the user's room already). */
  onConnected?(socket: Socket, user: SocketUser): Promise<void>;
  /** A socket of the user disconnected; `remaining` of theirs are open across all replicas. */
  onDisconnected?(user: SocketUser, remaining: number): Promise<void> | void;
}

const connsKey = (userId: string): string => `gs:v1:conns:${userId}`;
/** A replica that dies cannot decrement its share: a count expires a day after the last change. */
const CONNS_TTL_S = 86_400;

/**
 * The sockets of every user across all replicas (a counter per user in Redis) and the features
 * that listen to them coming and going. A listener's failure is logged, never another's problem.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly logger = new Logger(ConnectionRegistry.name);
  private readonly listeners: ConnectionListener[] = [];

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  subscribe(listener: ConnectionListener): void {
    this.listeners.push(listener);
  }

  async connected(socket: Socket): Promise<void> {
    const user = socketUser(socket);
    void socket.join(userRoom(user.userId));
    try {
      await this.redis
        .multi()
        .incr(connsKey(user.userId))
        .expire(connsKey(user.userId), CONNS_TTL_S)
        .exec();
    } catch (err) {
      this.logger.warn(`connection of ${user.userId} not counted: ${errorMessage(err)}`);
    }
    await Promise.all(
      this.listeners.map((l) => this.safely(user, 'connect', () => l.onConnected?.(socket, user))),
    );
  }

  async disconnected(socket: Socket): Promise<void> {
    const user = socketUser(socket);
    let remaining = 0;
    try {
      remaining = await this.redis.decr(connsKey(user.userId));
      if (remaining < 0) {
        await this.redis.set(connsKey(user.userId), 0, 'EX', CONNS_TTL_S);
        remaining = 0;
      }
    } catch (err) {
      this.logger.warn(`disconnect of ${user.userId} not counted: ${errorMessage(err)}`);
    }
    await Promise.all(
      this.listeners.map((l) =>
        this.safely(user, 'disconnect', () => l.onDisconnected?.(user, remaining)),
      ),
    );
  }

  /** Sockets the user has open across all replicas. */
  async userConnections(userId: string): Promise<number> {
    return Number((await this.redis.get(connsKey(userId))) ?? 0);
  }

  private async safely(user: SocketUser, what: string, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.logger.warn(`${what} of ${user.userId} not fully handled: ${errorMessage(err)}`);
    }
  }
}
