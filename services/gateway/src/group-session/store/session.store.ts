import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { context, propagation } from '@opentelemetry/api';
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
import {
  OUTBOX_ITEMS_KEY,
  OUTBOX_KEY,
  OUTBOX_TRACE_KEY,
} from '../../session-outbox/outbox.store.js';
import { APPEND_SCRIPT, END_SCRIPT, SESSION_KEY_ORDER } from './session.scripts.js';

const RECENT_MESSAGES = 50;
/** Entries of a session's log (messages and exercise updates) kept for its record. */
const MAX_LOG = 5000;
/** Ended sessions stay readable live for this long (the record is delivered from the outbox). */
const ENDED_TTL_S = 600;

/** The W3C traceparent of the current span, or '' (tracing off). */
function currentTraceparent(): string {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? '';
}

/** Most exercise boards one session keeps (distinct exercise and unit pairs). */
const MAX_BOARDS = 50;
/** Size of the top a session leaderboard shows. */
export const SESSION_BOARD_TOP = 10;

/** One member on a session's board of an exercise: their latest value. */
export interface BoardEntry {
  user_id: string;
  username: string;
  value: number;
}

/** The id of the board of an exercise and unit: short, whatever the names hold. */
function boardId(exercise: string, unit: string): string {
  return createHash('sha1').update(`${exercise}\n${unit}`).digest('hex').slice(0, 16);
}

/** Session ids by last activity: what the live-sessions gauge counts. */
const LIVE_KEY = 'gs:v1:live';

const k = {
  meta: (id: string) => `gs:v1:${id}`,
  members: (id: string) => `gs:v1:${id}:members`,
  participants: (id: string) => `gs:v1:${id}:participants`,
  messages: (id: string) => `gs:v1:${id}:messages`,
  log: (id: string) => `gs:v1:${id}:log`,
  exercise: (id: string) => `gs:v1:${id}:exercise`,
  board: (id: string, board: string) => `gs:v1:${id}:board:${board}`,
  boards: (id: string) => `gs:v1:${id}:boards`,
  userSessions: (userId: string) => `gs:v1:user:${userId}`,
};

/** The session's keys, in the order the scripts take them (SESSION_KEY_ORDER). */
function sessionKeys(id: string): string[] {
  return SESSION_KEY_ORDER.map((name) => k[name](id));
}

/** The scripts of session.scripts.ts, defined on the client (EVALSHA, loaded once). */
interface SessionScripts {
  gsAppend(...keysAndArgs: (string | number)[]): Promise<0 | 1 | (string | number)[]>;
  gsEnd(...keysAndArgs: (string | number)[]): Promise<string | null>;
}

/**
 * Group-session state in Redis, shared by every gateway replica: a replica can restart (or die)
 * without losing a session. Every key of a session expires after GROUP_SESSION_TTL_S without
 * activity, so abandoned sessions clean themselves up.
 */
@Injectable()
export class SessionStore {
  private readonly ttl: number;

  private readonly recordMaxBytes: number;
  private readonly scripts: SessionScripts;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.ttl = config.get('GROUP_SESSION_TTL_S', { infer: true });
    this.recordMaxBytes = config.get('GROUP_SESSION_RECORD_MAX_BYTES', { infer: true });
    redis.defineCommand('gsAppend', { numberOfKeys: 9, lua: APPEND_SCRIPT });
    redis.defineCommand('gsEnd', { numberOfKeys: 10, lua: END_SCRIPT });
    this.scripts = redis as unknown as SessionScripts;
  }

  async create(meta: SessionMeta): Promise<void> {
    const id = meta.session_id;
    await this.redis
      .multi()
      .hset(k.meta(id), { ...meta })
      .expire(k.meta(id), this.ttl)
      .zadd(k.userSessions(meta.creator_id), Date.parse(meta.started_at), id)
      .expire(k.userSessions(meta.creator_id), this.ttl)
      .zadd(LIVE_KEY, Date.parse(meta.started_at), id)
      .exec();
  }

  /** Sessions active now, across every replica (idle ones drop out after their TTL). */
  async liveCount(now = Date.now()): Promise<number> {
    const [, count] = await this.redis
      .multi()
      .zremrangebyscore(LIVE_KEY, '-inf', now - this.ttl * 1000)
      .zcard(LIVE_KEY)
      .exec()
      .then((res) => (res ?? []).map(([, value]) => value));
    return Number(count ?? 0);
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
      p.since_ms = now.getTime();
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

  /** Appends a message to an active session; false (nothing written) once it has ended. */
  async addMessage(id: string, message: ChatMessage): Promise<boolean> {
    const entry = JSON.stringify(message);
    const written = await this.append(id, 'message', `{"type":"message",${entry.slice(1)}`, entry);
    return written !== 0;
  }

  /**
   * Records an exercise update of an active session and sets the member's value on the board of
   * that exercise: false (nothing written) once the session has ended, else the board's new top
   * when this update changed it.
   */
  async addExercise(id: string, entry: ExerciseEntry): Promise<false | { board?: BoardEntry[] }> {
    const latest = JSON.stringify(entry);
    const written = await this.append(
      id,
      'exercise',
      `{"type":"exercise",${latest.slice(1)}`,
      latest,
      entry.user_id,
      String(entry.value),
      boardId(entry.exercise, entry.unit),
    );
    if (written === 0) {
      return false;
    }
    if (written === 1) {
      return {};
    }
    const board: BoardEntry[] = [];
    for (let i = 1; i + 2 < written.length; i += 3) {
      board.push({
        user_id: String(written[i]),
        value: Number(written[i + 1]),
        username: String(written[i + 2]),
      });
    }
    return { board };
  }

  private append(
    id: string,
    kind: 'message' | 'exercise',
    logEntry: string,
    liveEntry: string,
    userId = '',
    value = '0',
    board = '-',
  ): Promise<0 | 1 | (string | number)[]> {
    return this.scripts.gsAppend(
      ...sessionKeys(id),
      LIVE_KEY,
      k.board(id, board),
      k.boards(id),
      kind,
      logEntry,
      liveEntry,
      userId,
      MAX_LOG,
      RECENT_MESSAGES,
      this.ttl,
      Date.now(),
      id,
      value,
      board,
      MAX_BOARDS,
      SESSION_BOARD_TOP,
    );
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
   * Ends the session if it is still active and queues its record for the activity service in the
   * same atomic step (END_SCRIPT builds it). Returns the record, or undefined if it had already
   * ended.
   */
  async end(id: string, now: Date): Promise<FinishedSession | undefined> {
    const record = await this.scripts.gsEnd(
      ...sessionKeys(id),
      OUTBOX_KEY,
      OUTBOX_ITEMS_KEY,
      LIVE_KEY,
      OUTBOX_TRACE_KEY,
      now.toISOString(),
      now.getTime(),
      this.recordMaxBytes,
      ENDED_TTL_S,
      currentTraceparent(),
    );
    return record ? (JSON.parse(record) as FinishedSession) : undefined;
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
    return multi.zadd(LIVE_KEY, Date.now(), id);
  }
}
