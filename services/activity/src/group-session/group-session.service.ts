import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import {
  InjectUpstream,
  InvalidArgumentError,
  NotFoundError,
  PAGE_DEFAULT,
  PAGE_MAX,
  USER_UPSTREAM,
  WORKOUT_TYPE_PATTERN,
  WORKOUT_TYPE_RULE,
  isGrpcCallError,
  parseIsoDateTime,
  round2,
  type ActivityRequest,
  type ActivityResponse,
  type UserUpstream,
} from '@fitness/common';
import { caloriesBurned } from '../workout/calories.js';
import { MAX_WORKOUT_SECONDS, WorkoutService } from '../workout/workout.service.js';
import { GroupSessionRepository } from './group-session.repository.js';
import type { GroupSessionRecord } from './group-session.schema.js';

export type GroupSessionMessage = ActivityResponse<'GetGroupSession'>;

/**
 * Finished group sessions: stored once, and each participant's time becomes an ended workout
 * (its id derived from session and user), which then takes the same path as any workout (statistics record,
 * goal progress). A redelivered session creates nothing twice.
 */
@Injectable()
export class GroupSessionService {
  constructor(
    private readonly sessions: GroupSessionRepository,
    private readonly workouts: WorkoutService,
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
  ) {}

  async save(req: ActivityRequest<'SaveGroupSession'>): Promise<{ created: boolean }> {
    const record = toRecord(req);
    // Weights first: if the user service is down nothing is stored and the gateway retries.
    const weights = await this.weights(record.participant_ids);
    const created = await this.sessions.insertOnce(record);
    for (const p of record.participants) {
      await this.workouts.recordEnded({
        _id: participationId(record._id, p.user_id),
        user_id: p.user_id,
        workout_type: record.workout_type,
        start_time: p.joined_at,
        end_time: new Date(p.joined_at.getTime() + p.duration * 1000),
        duration: round2(p.duration),
        calories_burned: caloriesBurned(record.workout_type, weights.get(p.user_id), p.duration),
        status: 'ended',
        group_session_id: record._id,
        stats_applied: false,
        progress_recorded: false,
      });
    }
    return { created };
  }

  async get(req: ActivityRequest<'GetGroupSession'>): Promise<GroupSessionMessage> {
    const record = await this.sessions.findById(req.session_id);
    if (!record) {
      throw new NotFoundError('group session not found');
    }
    return toMessage(record);
  }

  async list(req: ActivityRequest<'ListGroupSessions'>): Promise<{ items: GroupSessionMessage[] }> {
    const limit = req.limit === 0 ? PAGE_DEFAULT : req.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
      throw new InvalidArgumentError(`limit must be between 1 and ${PAGE_MAX}`, 'limit');
    }
    const records = await this.sessions.listByParticipant(req.user_id, limit);
    return { items: records.map(toMessage) };
  }

  private async weights(userIds: string[]): Promise<Map<string, number | undefined>> {
    const entries = await Promise.all(
      userIds.map(async (id): Promise<[string, number | undefined]> => {
        try {
          const user = await this.users.call('GetUser', { user_id: id });
          return [id, user.weight_kg];
        } catch (err) {
          // A participant whose account is gone still burned calories: default weight.
          if (isGrpcCallError(err) && err.code === status.NOT_FOUND) {
            return [id, undefined];
          }
          throw err;
        }
      }),
    );
    return new Map(entries);
  }
}

/** A UUID derived from session and user: the same participation always gets the same workout id. */
export function participationId(sessionId: string, userId: string): string {
  const h = createHash('sha256').update(`group:${sessionId}:${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function date(value: string, field: string): Date {
  const d = parseIsoDateTime(value);
  if (!d) {
    throw new InvalidArgumentError(`${field} must be an ISO-8601 date-time`, field);
  }
  return d;
}

function toRecord(req: ActivityRequest<'SaveGroupSession'>): GroupSessionRecord {
  if (!req.session_id || req.session_id.length > 64) {
    throw new InvalidArgumentError('session_id must be 1 to 64 characters', 'session_id');
  }
  if (!WORKOUT_TYPE_PATTERN.test(req.workout_type)) {
    throw new InvalidArgumentError(WORKOUT_TYPE_RULE, 'workout_type');
  }
  const startedAt = date(req.started_at, 'started_at');
  const endedAt = date(req.ended_at, 'ended_at');
  if (endedAt < startedAt) {
    throw new InvalidArgumentError('ended_at must not be before started_at', 'ended_at');
  }
  const participants = req.participants.map((p) => {
    if (!p.user_id) {
      throw new InvalidArgumentError('every participant needs a user_id', 'participants');
    }
    if (!(p.duration >= 0 && p.duration <= MAX_WORKOUT_SECONDS)) {
      throw new InvalidArgumentError('participant duration must be 0 to 24 hours', 'participants');
    }
    return {
      user_id: p.user_id,
      username: p.username,
      joined_at: date(p.joined_at, 'participants.joined_at'),
      duration: p.duration,
    };
  });
  return {
    _id: req.session_id,
    name: req.name,
    workout_type: req.workout_type.toLowerCase(),
    creator_id: req.creator_id,
    started_at: startedAt,
    ended_at: endedAt,
    participant_ids: [...new Set(participants.map((p) => p.user_id))],
    participants,
    messages: req.messages.map((m) => ({
      user_id: m.user_id,
      username: m.username,
      message: m.message,
      sent_at: date(m.sent_at, 'messages.sent_at'),
    })),
    exercise_updates: req.exercise_updates.map((e) => ({
      user_id: e.user_id,
      exercise: e.exercise,
      value: e.value,
      unit: e.unit,
      at: date(e.at, 'exercise_updates.at'),
    })),
  };
}

function toMessage(r: GroupSessionRecord): GroupSessionMessage {
  return {
    session_id: r._id,
    name: r.name,
    workout_type: r.workout_type,
    creator_id: r.creator_id,
    started_at: r.started_at.toISOString(),
    ended_at: r.ended_at.toISOString(),
    participants: r.participants.map((p) => ({
      user_id: p.user_id,
      username: p.username,
      joined_at: new Date(p.joined_at).toISOString(),
      duration: round2(p.duration),
    })),
    messages: r.messages.map((m) => ({ ...m, sent_at: new Date(m.sent_at).toISOString() })),
    exercise_updates: r.exercise_updates.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}
