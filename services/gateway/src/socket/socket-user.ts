import type { Socket } from 'socket.io';

/** Who a socket belongs to: set by the handshake (SocketAuth), read by every event handler. */
export interface SocketUser {
  userId: string;
  username: string;
}

interface SocketData extends Partial<SocketUser> {
  /** Serialises this socket's events so each sender's updates go out in send order. */
  queue?: Promise<unknown>;
}

export function socketData(socket: Socket): SocketData {
  return socket.data as SocketData;
}

/** The authenticated user of a socket (every connected socket has one). */
export function socketUser(socket: Socket): SocketUser {
  const { userId, username } = socketData(socket);
  return { userId: userId ?? '', username: username ?? '' };
}
