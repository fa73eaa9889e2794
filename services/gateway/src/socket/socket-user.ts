import type { Socket } from 'socket.io';

/** Who a socket belongs to: set by the handshake (SocketAuth), read by every event handler. */
export interface SocketUser {
  userId: string;
  username: string;
}

interface SocketData extends Partial<SocketUser> {
  /** When the handshake's token expires (ms): the socket is closed then. */
  expiresAt?: number;
  expiryTimer?: NodeJS.Timeout;
  /** Serialises this socket's events so each sender's updates go out in send order. */
  queue?: Promise<unknown>;
  /** Events received and not yet answered, and how many may be (SOCKET_MAX_PENDING_EVENTS). */
  pending?: number;
  maxPending?: number;
}

export function socketData(socket: Socket): SocketData {
  return socket.data as SocketData;
}

/** The authenticated user of a socket (every connected socket has one). */
export function socketUser(socket: Socket): SocketUser {
  const { userId, username } = socketData(socket);
  return { userId: userId ?? '', username: username ?? '' };
}
