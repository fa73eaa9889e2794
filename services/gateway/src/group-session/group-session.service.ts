import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Gauge } from 'prom-client';
import type { Socket } from 'socket.io';
import {
  FailedPreconditionError,
  NotFoundError,
  PermissionDeniedError,
  errorMessage,
  rankSorted,
  round2,
} from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';
import { ConnectionRegistry, type ConnectionListener } from '../socket/connection-registry.js';
import { SocketEmitter, sessionRoom } from '../socket/socket.emitter.js';
import type { SocketUser } from '../socket/socket-user.js';
import { UserLimits } from './user-limits.js';
import type {
  CreateGroupSessionDto,
  ExerciseUpdateDto,
  JoinGroupSessionDto,
  SendMessageDto,
} from './group-session.events.js';
import type { SessionMeta, SessionSnapshot } from './group-session.model.js';
import { SessionOutboxService } from '../session-outbox/session-outbox.service.js';
import { SessionStore } from './store/session.store.js';

type Caller = SocketUser;

/** The rules of live group sessions; state lives in Redis (SessionStore), never in memory. */
@Injectable()
export class GroupSessionService
  implements OnModuleInit, OnApplicationShutdown, ConnectionListener
{
  private readonly logger = new Logger(GroupSessionService.name);
  private readonly graceMs: number;
  private readonly pendingLeaves = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: SessionStore,
    private readonly emitter: SocketEmitter,
    private readonly outbox: SessionOutboxService,
    private readonly limits: UserLimits,
    private readonly connections: ConnectionRegistry,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.graceMs = config.get('GROUP_SESSION_GRACE_MS');
  }

  onModuleInit(): void {
    this.connections.subscribe(this);
    const store = this.store;
    new Gauge({
      name: 'group_sessions_live',
      help: 'Group sessions active now, across every replica',
      async collect() {
        this.set(await store.liveCount().catch(() => Number.NaN));
      },
    });
  }

  /** A (re)connecting socket goes back into the rooms of the live sessions its user is in. */
  async onConnected(socket: Socket, user: SocketUser): Promise<void> {
    for (const sessionId of await this.restoreMemberships(user.userId)) {
      void socket.join(sessionRoom(sessionId));
    }
  }

  /** The user's last socket is gone: they leave their sessions unless back within the grace. */
  onDisconnected(user: SocketUser, remaining: number): void {
    if (remaining === 0) {
      this.scheduleLeaveIfGone(user);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.pendingLeaves.values()) {
      clearTimeout(timer);
    }
  }

  /**
   * `enterRoom` puts the calling socket into the session's room synchronously, before the `joined`
   * update is broadcast (the cross-replica join of the user's other sockets is asynchronous).
   */
  async create(
    caller: Caller,
    dto: CreateGroupSessionDto,
    enterRoom: (sessionId: string) => void,
    now = new Date(),
  ): Promise<SessionSnapshot> {
    await this.limits.take('create', caller.userId);
    const meta: SessionMeta = {
      session_id: randomUUID(),
      name: dto.name ?? '',
      workout_type: dto.workout_type.toLowerCase(),
      creator_id: caller.userId,
      started_at: now.toISOString(),
      status: 'active',
    };
    await this.store.create(meta);
    // The creator is the first member.
    return this.join(
      caller,
      { user_id: caller.userId, session_id: meta.session_id },
      enterRoom,
      now,
    );
  }

  async join(
    caller: Caller,
    dto: JoinGroupSessionDto,
    enterRoom: (sessionId: string) => void,
    now = new Date(),
  ): Promise<SessionSnapshot> {
    this.assertSelf(caller, dto.user_id);
    await this.requireActive(dto.session_id);
    const added = await this.store.join(
      dto.session_id,
      { user_id: caller.userId, username: caller.username },
      now,
    );
    enterRoom(dto.session_id);
    this.emitter.userJoinsRoom(caller.userId, dto.session_id);
    if (added) {
      this.emitter.groupUpdate(dto.session_id, 'joined', {
        user_id: caller.userId,
        username: caller.username,
        joined_at: now.toISOString(),
      });
    }
    return (await this.store.snapshot(dto.session_id)) as SessionSnapshot;
  }

  async leave(caller: Caller, sessionId: string, now = new Date()): Promise<void> {
    await this.requireActive(sessionId);
    if (!(await this.store.leave(sessionId, caller.userId, now))) {
      throw new FailedPreconditionError('you are not a member of this group session');
    }
    this.emitter.groupUpdate(sessionId, 'left', {
      user_id: caller.userId,
      username: caller.username,
      left_at: now.toISOString(),
    });
    this.emitter.userLeavesRoom(caller.userId, sessionId);
  }

  async sendMessage(
    caller: Caller,
    dto: SendMessageDto,
    now = new Date(),
  ): Promise<{ sent_at: string }> {
    this.assertSelf(caller, dto.user_id);
    await this.requireMember(caller, dto.session_id);
    await this.limits.take('message', caller.userId);
    const message = {
      user_id: caller.userId,
      username: caller.username,
      message: dto.message,
      sent_at: now.toISOString(),
    };
    if (!(await this.store.addMessage(dto.session_id, message))) {
      throw new FailedPreconditionError('this group session has ended');
    }
    this.emitter.groupUpdate(dto.session_id, 'message', message);
    return { sent_at: message.sent_at };
  }

  async exerciseUpdate(caller: Caller, dto: ExerciseUpdateDto, now = new Date()): Promise<void> {
    await this.requireMember(caller, dto.session_id);
    await this.limits.take('exercise', caller.userId);
    const entry = {
      user_id: caller.userId,
      exercise: dto.exercise,
      value: dto.value,
      unit: dto.unit,
      at: now.toISOString(),
    };
    const written = await this.store.addExercise(dto.session_id, entry);
    if (!written) {
      throw new FailedPreconditionError('this group session has ended');
    }
    this.emitter.groupUpdate(dto.session_id, 'exercise', { ...entry, username: caller.username });
    if (written.board) {
      this.emitter.groupUpdate(dto.session_id, 'leaderboard', {
        exercise: dto.exercise,
        unit: dto.unit,
        items: rankSorted(written.board),
      });
    }
  }

  /** Creator only. The record is queued in Redis atomically with the end, then delivered. */
  async end(caller: Caller, sessionId: string, now = new Date()): Promise<{ ended_at: string }> {
    const meta = await this.requireExisting(sessionId);
    if (meta.creator_id !== caller.userId) {
      throw new PermissionDeniedError('only the creator can end this group session');
    }
    const record = await this.store.end(sessionId, now);
    if (!record) {
      throw new FailedPreconditionError('this group session has already ended');
    }
    this.emitter.groupUpdate(sessionId, 'ended', {
      ended_at: record.ended_at,
      participants: record.participants.map((p) => ({
        user_id: p.user_id,
        username: p.username,
        duration: round2(p.duration),
      })),
    });
    this.emitter.closeSessionRoom(sessionId);
    this.outbox.kick();
    return { ended_at: record.ended_at };
  }

  /** The live sessions the user is a member of (and no pending leave for them any more). */
  private async restoreMemberships(userId: string): Promise<string[]> {
    this.cancelPendingLeave(userId);
    const sessions = await this.store.sessionsOf(userId);
    const live: string[] = [];
    for (const meta of sessions) {
      if (meta.status === 'active' && (await this.store.isMember(meta.session_id, userId))) {
        live.push(meta.session_id);
      }
    }
    return live;
  }

  /**
   * A disconnect counts as leaving only if none of the user's sockets (on any replica) is back
   * within the grace period, so a reconnect or a network blip is invisible to the others.
   */
  private scheduleLeaveIfGone(caller: Caller): void {
    this.cancelPendingLeave(caller.userId);
    const timer = setTimeout(() => {
      this.pendingLeaves.delete(caller.userId);
      void this.leaveAllIfGone(caller);
    }, this.graceMs);
    timer.unref();
    this.pendingLeaves.set(caller.userId, timer);
  }

  private cancelPendingLeave(userId: string): void {
    const timer = this.pendingLeaves.get(userId);
    if (timer) {
      clearTimeout(timer);
      this.pendingLeaves.delete(userId);
    }
  }

  private async leaveAllIfGone(caller: Caller): Promise<void> {
    try {
      if ((await this.connections.userConnections(caller.userId)) > 0) {
        return;
      }
      for (const sessionId of await this.restoreMemberships(caller.userId)) {
        if (await this.store.leave(sessionId, caller.userId, new Date())) {
          this.emitter.groupUpdate(sessionId, 'left', {
            user_id: caller.userId,
            username: caller.username,
            left_at: new Date().toISOString(),
            reason: 'disconnected',
          });
        }
      }
    } catch (err) {
      this.logger.warn(`could not apply the disconnect of ${caller.userId}: ${errorMessage(err)}`);
    }
  }

  private assertSelf(caller: Caller, userId: string): void {
    if (userId !== caller.userId) {
      throw new PermissionDeniedError('you can only act as yourself');
    }
  }

  private async requireExisting(sessionId: string): Promise<SessionMeta> {
    const meta = await this.store.meta(sessionId);
    if (!meta) {
      throw new NotFoundError('group session not found');
    }
    return meta;
  }

  private async requireActive(sessionId: string): Promise<SessionMeta> {
    const meta = await this.requireExisting(sessionId);
    if (meta.status !== 'active') {
      throw new FailedPreconditionError('this group session has ended');
    }
    return meta;
  }

  private async requireMember(caller: Caller, sessionId: string): Promise<void> {
    await this.requireActive(sessionId);
    if (!(await this.store.isMember(sessionId, caller.userId))) {
      throw new PermissionDeniedError(
        'only members of this group session can do that: join it first',
      );
    }
  }
}
