import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Server, Socket } from 'socket.io';
import { InvalidTokenError, JwtCodec, ProfileCache } from '@fitness/common';
import { toDetails } from '../common/validation.js';
import { USER_CLIENT, type UserClient } from '../upstream/upstream.module.js';
import { GoalAlertsService } from './goal-alerts.service.js';
import { GroupSessionService, type Caller } from './group-session.service.js';
import {
  CreateGroupSessionDto,
  ExerciseUpdateDto,
  JoinGroupSessionDto,
  SendMessageDto,
  SessionRefDto,
} from './realtime.dto.js';
import { RealtimeEmitter, sessionRoom, userRoom } from './realtime.emitter.js';
import { RealtimeError, toAckError, type AckError } from './realtime.errors.js';
import { GroupSessionStore } from './group-session.store.js';

interface SocketData {
  userId: string;
  username: string;
  /** Serialises this socket's events so each sender's updates go out in send order. */
  queue: Promise<unknown>;
}

type Ack = ({ ok: true } & Record<string, unknown>) | AckError;

/**
 * Socket.IO endpoint of the gateway (same port as REST). Authentication happens in the handshake
 * middleware (Nest guards do not run on connection); every event answers with an ack.
 */
@WebSocketGateway({ cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  private readonly server: Server;

  constructor(
    @Inject(JwtCodec) private readonly jwt: JwtCodec,
    @Inject(USER_CLIENT) private readonly users: UserClient,
    private readonly profiles: ProfileCache,
    private readonly sessions: GroupSessionService,
    private readonly store: GroupSessionStore,
    private readonly alerts: GoalAlertsService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  afterInit(server: Server): void {
    this.emitter.attach(server);
    server.use((socket, next) => {
      void this.authenticate(socket).then(
        () => next(),
        (err: unknown) => next(handshakeError(err)),
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    if (!data.userId) {
      return;
    }
    void socket.join(userRoom(data.userId));
    try {
      await this.store.userConnected(data.userId);
      for (const sessionId of await this.sessions.restoreMemberships(data.userId)) {
        void socket.join(sessionRoom(sessionId));
      }
    } catch (err) {
      this.logger.warn(`could not restore sessions of ${data.userId}: ${describe(err)}`);
    }
    try {
      await this.alerts.deliverPending(data.userId, (payload) =>
        socket.emit('goal_achieved', payload),
      );
    } catch (err) {
      this.logger.warn(`pending goal alerts of ${data.userId} not delivered now: ${describe(err)}`);
    }
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    if (!data.userId) {
      return;
    }
    try {
      const left = await this.store.userDisconnected(data.userId);
      if (left === 0) {
        this.sessions.scheduleLeaveIfGone(caller(socket));
      }
    } catch (err) {
      this.logger.warn(`disconnect of ${data.userId} not recorded: ${describe(err)}`);
    }
  }

  @SubscribeMessage('create_group_session')
  createGroupSession(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack> {
    return this.handle(socket, CreateGroupSessionDto, body, async (dto) => {
      const snapshot = await this.sessions.create(caller(socket), dto, enterRoom(socket));
      return { session_id: snapshot.session_id, session: snapshot };
    });
  }

  @SubscribeMessage('join_group_session')
  joinGroupSession(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, JoinGroupSessionDto, body, async (dto) => ({
      session: await this.sessions.join(caller(socket), dto, enterRoom(socket)),
    }));
  }

  @SubscribeMessage('leave_group_session')
  leaveGroupSession(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, SessionRefDto, body, async (dto) => {
      await this.sessions.leave(caller(socket), dto.session_id);
      return {};
    });
  }

  @SubscribeMessage('send_message')
  sendMessage(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, SendMessageDto, body, (dto) =>
      this.sessions.sendMessage(caller(socket), dto),
    );
  }

  @SubscribeMessage('exercise_update')
  exerciseUpdate(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, ExerciseUpdateDto, body, async (dto) => {
      await this.sessions.exerciseUpdate(caller(socket), dto);
      return {};
    });
  }

  @SubscribeMessage('end_group_session')
  endGroupSession(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, SessionRefDto, body, (dto) =>
      this.sessions.end(caller(socket), dto.session_id),
    );
  }

  /** Tells every client of this replica to reconnect (to another replica) before it stops. */
  disconnectAllForShutdown(): void {
    this.server?.local.emit('server_shutdown', { reconnect: true });
    this.server?.local.disconnectSockets(true);
  }

  /**
   * Validates the payload like a REST body, runs the action after the socket's previous events,
   * and turns every outcome into an ack.
   */
  private handle<T extends object>(
    socket: Socket,
    cls: new () => T,
    body: unknown,
    action: (dto: T) => Promise<Record<string, unknown>>,
  ): Promise<Ack> {
    const data = socket.data as SocketData;
    const run = async (): Promise<Ack> => {
      try {
        const dto = await validated(cls, body);
        return { ok: true, ...(await action(dto)) };
      } catch (err) {
        const ack = toAckError(err);
        if (ack.error.code === 'INTERNAL') {
          this.logger.error(
            `event failed for ${data.userId}: ${describe(err)}`,
            err instanceof Error ? err.stack : undefined,
          );
        }
        return ack;
      }
    };
    const result = (data.queue ?? Promise.resolve()).then(run, run);
    data.queue = result;
    return result;
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : '';
    if (!token) {
      throw new InvalidTokenError('missing token: connect with auth: { token }');
    }
    const userId = await this.jwt.verify(token);
    // A reconnect storm (a replica going away) is served by the profile cache, not the database.
    const user =
      (await this.profiles.get(userId)) ?? (await this.users.call('GetUser', { user_id: userId }));
    const data = socket.data as SocketData;
    data.userId = userId;
    data.username = user.username;
    data.queue = Promise.resolve();
  }
}

function enterRoom(socket: Socket): (sessionId: string) => void {
  return (sessionId) => void socket.join(sessionRoom(sessionId));
}

function caller(socket: Socket): Caller {
  const data = socket.data as SocketData;
  return { userId: data.userId, username: data.username };
}

async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RealtimeError('INVALID_ARGUMENT', 'the payload must be an object');
  }
  const dto = plainToInstance(cls, body);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const details = toDetails(errors);
    throw new RealtimeError(
      'INVALID_ARGUMENT',
      details.length === 1 ? details[0].message : `${details.length} fields are invalid`,
      details,
    );
  }
  return dto;
}

/** The handshake refusal the client sees in `connect_error` (message and data.code). */
function handshakeError(err: unknown): Error & { data: { code: string } } {
  if (err instanceof InvalidTokenError) {
    return Object.assign(new Error(`unauthorized: ${err.message}`), {
      data: { code: 'UNAUTHENTICATED' },
    });
  }
  const ack = toAckError(err);
  const code = ack.error.code === 'NOT_FOUND' ? 'UNAUTHENTICATED' : ack.error.code;
  const message = code === 'UNAUTHENTICATED' ? 'unauthorized: unknown user' : ack.error.message;
  return Object.assign(new Error(message), { data: { code } });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
