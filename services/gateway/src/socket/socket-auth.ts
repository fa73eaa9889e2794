import { Inject, Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import {
  InjectUpstream,
  InvalidTokenError,
  JwtCodec,
  ProfileCache,
  USER_UPSTREAM,
  classify,
  type UserUpstream,
} from '@fitness/common';
import { socketData } from './socket-user.js';

/**
 * The Socket.IO handshake: the token of `auth: {token}` is checked before the connection exists
 * (Nest guards do not run on connection), and the socket learns its user and username.
 */
@Injectable()
export class SocketAuth {
  constructor(
    @Inject(JwtCodec) private readonly jwt: JwtCodec,
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
    private readonly profiles: ProfileCache,
  ) {}

  /** Socket.IO middleware: refuses the connection with an error the client sees in connect_error. */
  middleware(): (socket: Socket, next: (err?: Error) => void) => void {
    return (socket, next) => {
      void this.authenticate(socket).then(
        () => next(),
        (err: unknown) => next(handshakeError(err)),
      );
    };
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : '';
    if (!token) {
      throw new InvalidTokenError('missing token: connect with auth: { token }');
    }
    const { userId, expiresAt } = this.jwt.verify(token);
    // A reconnect storm (a replica going away) is served by the profile cache, not the database.
    const user =
      (await this.profiles.get(userId)) ?? (await this.users.call('GetUser', { user_id: userId }));
    const data = socketData(socket);
    data.userId = userId;
    data.username = user.username;
    data.expiresAt = expiresAt.getTime();
    data.queue = Promise.resolve();
  }
}

/** The handshake refusal the client sees in `connect_error` (message and data.code). */
function handshakeError(err: unknown): Error & { data: { code: string } } {
  if (err instanceof InvalidTokenError) {
    return Object.assign(new Error(`unauthorized: ${err.message}`), {
      data: { code: 'UNAUTHENTICATED' },
    });
  }
  const { code, message } = classify(err);
  // A valid token of an account that no longer exists.
  if (code === 'NOT_FOUND') {
    return Object.assign(new Error('unauthorized: unknown user'), {
      data: { code: 'UNAUTHENTICATED' },
    });
  }
  return Object.assign(new Error(message), { data: { code } });
}
