import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import type { AckOf } from '@fitness/client';
import { answerEvent } from '../socket/socket-events.js';
import { sessionRoom } from '../socket/socket.emitter.js';
import { socketUser } from '../socket/socket-user.js';
import {
  CreateGroupSessionDto,
  ExerciseUpdateDto,
  JoinGroupSessionDto,
  SendMessageDto,
  SessionRefDto,
} from './group-session.events.js';
import { GroupSessionService } from './group-session.service.js';

/** The group-session events of the Socket.IO server; each answers with an ack. */
@WebSocketGateway()
export class GroupSessionGateway {
  constructor(private readonly sessions: GroupSessionService) {}

  @SubscribeMessage('create_group_session')
  create(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'create_group_session'>> {
    return answerEvent(socket, 'create_group_session', CreateGroupSessionDto, body, async (dto) => {
      const snapshot = await this.sessions.create(socketUser(socket), dto, enterRoom(socket));
      return { session_id: snapshot.session_id, session: snapshot };
    });
  }

  @SubscribeMessage('join_group_session')
  join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'join_group_session'>> {
    return answerEvent(socket, 'join_group_session', JoinGroupSessionDto, body, async (dto) => ({
      session: await this.sessions.join(socketUser(socket), dto, enterRoom(socket)),
    }));
  }

  @SubscribeMessage('leave_group_session')
  leave(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'leave_group_session'>> {
    return answerEvent(socket, 'leave_group_session', SessionRefDto, body, async (dto) => {
      await this.sessions.leave(socketUser(socket), dto.session_id);
      return {};
    });
  }

  @SubscribeMessage('send_message')
  sendMessage(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'send_message'>> {
    return answerEvent(socket, 'send_message', SendMessageDto, body, (dto) =>
      this.sessions.sendMessage(socketUser(socket), dto),
    );
  }

  @SubscribeMessage('exercise_update')
  exerciseUpdate(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'exercise_update'>> {
    return answerEvent(socket, 'exercise_update', ExerciseUpdateDto, body, async (dto) => {
      await this.sessions.exerciseUpdate(socketUser(socket), dto);
      return {};
    });
  }

  @SubscribeMessage('end_group_session')
  end(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<AckOf<'end_group_session'>> {
    return answerEvent(socket, 'end_group_session', SessionRefDto, body, (dto) =>
      this.sessions.end(socketUser(socket), dto.session_id),
    );
  }
}

/** Puts the calling socket into the session's room at once (before the `joined` broadcast). */
function enterRoom(socket: Socket): (sessionId: string) => void {
  return (sessionId) => void socket.join(sessionRoom(sessionId));
}
