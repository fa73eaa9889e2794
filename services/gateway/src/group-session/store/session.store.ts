import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ChainableCommander, Redis } from 'ioredis';
import { REDIS } from '@fitness/common';
import type { GatewayEnv } from '../../config/env.dto.js';
import {
  closeParticipation,
  type ChatMessage,
  type ExerciseEntry,
  type FinishedSession,
  type Member,
  type Participant,
  type SessionMeta,
  type SessionSnapshot,
} from '../group-session.model.js';
import { OUTBOX_KEY } from './outbox.store.js';

const RECENT_MESSAGES = 50;
const MAX_LOG = 5000;
/** Ended sessions stay readable live until delivered, then for this long. */
const ENDED_TTL_S = 600;

const k = {
  meta: (id: string) => `gs:v1:${id}`,
  members: (id: string) => `gs:v1:${id}:members`,
  participants: (id: string) => `gs:v1:${id}:participants`,
  messages: (id: string) => `gs:v1:${id}:messages`,
  log: (id: string) => `gs:v1:${id}:log`,
  exercise: (id: string) => `gs:v1:${id}:exercise`,
  userSessions: (userId: string) => `gs:v1:user:${userId}`,
};

function sessionKeys(id: string): string[] {
  return [k.meta(id), k.members(id), k.participants(id), k.messages(id), k.log(id), k.exercise(id)];
}

/** Flips an active session to ended and queues its record, atomically (never ended but unqueued). */
const END_SCRIPT = `
if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'ended', 'ended_at', ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`;

/**
 * Group-session state in Redis, shared by every gateway replica: a replica can restart (or die)
 * without losing a session. Every key of a session expires after GROUP_SESSION_TTL_S without
 * activity, so abandoned sessions clean themselves up.
 */
@Injectable()
export class SessionStore {
  private readonly ttl: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.ttl = config.get('GROUP_SESSION_TTL_S');
  }

  async create(meta: SessionMeta): Promise<void> {
    const id = meta.session_id;
    await this.redis
      .multi()
      .hset(k.meta(id), { ...meta })
      .expire(k.meta(id), this.ttl)
      .zadd(k.userSessions(meta.creator_id), Date.parse(meta.started_at), id)
      .expire(k.userSessions(meta.creator_id), this.ttl)
      .exec();
  }

  async meta(id: string): Promise<SessionMeta | undefined> {
    const raw = await this.redis.hgetall(k.meta(id));
    return raw.session_id ? (raw as unknown as SessionMeta) : undefined;
  }

  async isMember(id: string, userId: string): Promise<boolean> {
    return (await this.redis.hexists(k.members(id), userId)) === 1;
  }

  /** Adds a member. Returns false if they already were one (a reconnect or a second tab). */
  async join(id: string, member: Member, now: Date): Promise<boolean> {
    const added = await this.redis.hsetnx(k.members(id), member.user_id, JSON.stringify(member));
    const multi = this.redis.multi();
    if (added === 1) {
      const raw = await this.redis.hget(k.participants(id), member.user_id);
      const p: Participant = raw
        ? (JSON.parse(raw) as Participant)
        : {
            user_id: member.user_id,
            username: member.username,
            joined_at: now.toISOString(),
            seconds: 0,
          };
      p.since = now.toISOString();
      multi
        .hset(k.participants(id), member.user_id, JSON.stringify(p))
        .zadd(k.userSessions(member.user_id), now.getTime(), id)
        .expire(k.userSessions(member.user_id), this.ttl);
    }
    await this.refreshTtl(multi, id).exec();
    return added === 1;
  }

  /** Removes the member; returns false if they were not one. Closes their participation time. */
  async leave(id: string, userId: string, now: Date): Promise<boolean> {
    const removed = await this.redis.hdel(k.members(id), userId);
    if (removed === 0) {
      return false;
    }
    const raw = await this.redis.hget(k.participants(id), userId);
    const multi = this.redis.multi();
    if (raw) {
      const closed = closeParticipation(JSON.parse(raw) as Participant, now);
      multi.hset(k.participants(id), userId, JSON.stringify(closed));
    }
    await this.refreshTtl(multi, id).exec();
    return true;
  }

  async addMessage(id: string, message: ChatMessage): Promise<void> {
    const multi = this.redis
      .multi()
      .rpush(k.messages(id), JSON.stringify(message))
      .ltrim(k.messages(id), -RECENT_MESSAGES, -1)
      .rpush(k.log(id), JSON.stringify({ type: 'message', ...message }))
      .ltrim(k.log(id), -MAX_LOG, -1);
    await this.refreshTtl(multi, id).exec();
  }

  async addExercise(id: string, entry: ExerciseEntry): Promise<void> {
    const multi = this.redis
      .multi()
      .hset(k.exercise(id), entry.user_id, JSON.stringify(entry))
      .rpush(k.log(id), JSON.stringify({ type: 'exercise', ...entry }))
      .ltrim(k.log(id), -MAX_LOG, -1);
    await this.refreshTtl(multi, id).exec();
  }

  async snapshot(id: string): Promise<SessionSnapshot | undefined> {
    const [meta, members, participants, messages, exercise] = await Promise.all([
      this.meta(id),
      this.redis.hvals(k.members(id)),
      this.redis.hvals(k.participants(id)),
      this.redis.lrange(k.messages(id), 0, -1),
      this.redis.hvals(k.exercise(id)),
    ]);
    if (!meta) {
      return undefined;
    }
    return {
      ...meta,
      members: members.map((m) => JSON.parse(m) as Member),
      participants: participants.map((p) => JSON.parse(p) as Participant),
      recent_messages: messages.map((m) => JSON.parse(m) as ChatMessage),
      exercise: exercise.map((e) => JSON.parse(e) as ExerciseEntry),
    };
  }

  /**
   * Ends the session if it is still active and queues its full record for the activity service in
   * the same atomic step. Returns the record, or undefined if it had already ended.
   */
  async end(id: string, now: Date): Promise<FinishedSession | undefined> {
    const snapshot = await this.snapshot(id);
    if (!snapshot || snapshot.status !== 'active') {
      return undefined;
    }
    const log = (await this.redis.lrange(k.log(id), 0, -1)).map(
      (l) =>
        JSON.parse(l) as
          ({ type: 'message' } & ChatMessage) | ({ type: 'exercise' } & ExerciseEntry),
    );
    const record: FinishedSession = {
      session_id: id,
      name: snapshot.name,
      workout_type: snapshot.workout_type,
      creator_id: snapshot.creator_id,
      started_at: snapshot.started_at,
      ended_at: now.toISOString(),
      participants: snapshot.participants.map((p) => {
        const closed = closeParticipation(p, now);
        return {
          user_id: p.user_id,
          username: p.username,
          joined_at: p.joined_at,
          duration: closed.seconds,
        };
      }),
      messages: log.filter((l) => l.type === 'message').map(({ type: _t, ...m }) => m),
      exercise_updates: log.filter((l) => l.type === 'exercise').map(({ type: _t, ...e }) => e),
    };
    const ended = await this.redis.eval(
      END_SCRIPT,
      2,
      k.meta(id),
      OUTBOX_KEY,
      now.toISOString(),
      JSON.stringify(record),
    );
    if (ended !== 1) {
      return undefined;
    }
    const multi = this.redis.multi();
    for (const key of sessionKeys(id)) {
      multi.expire(key, ENDED_TTL_S);
    }
    await multi.exec();
    return record;
  }

  /** Live sessions (active or awaiting delivery) the user created or joined, newest first. */
  async sessionsOf(userId: string): Promise<SessionMeta[]> {
    const ids = await this.redis.zrevrange(k.userSessions(userId), 0, 99);
    const metas = await Promise.all(ids.map((id) => this.meta(id)));
    return metas.filter((m): m is SessionMeta => m !== undefined);
  }

  /**
   * Every write to a live session pushes back the expiry of all its keys, in the write's own
   * transaction (callers only write to active sessions).
   */
  private refreshTtl(multi: ChainableCommander, id: string): ChainableCommander {
    for (const key of sessionKeys(id)) {
      multi.expire(key, this.ttl);
    }
    return multi;
  }
}
