import { Injectable } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import {
  InjectUpstream,
  InvalidArgumentError,
  MAX_WORKOUT_SECONDS,
  NotFoundError,
  USER_UPSTREAM,
  finiteInRange,
  isGrpcCallError,
  requireIsoDateTime,
  requirePageLimit,
  requireSafeText,
  requireUuid,
  requireWorkoutType,
  round2,
  type ActivityRequest,
  type ActivityResponse,
  type UserUpstream,
} from '@fitness/common';
import { derivedId } from '../workout/derived-id.js';
import { WorkoutService, endedWorkout } from '../workout/workout.service.js';
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
      await this.workouts.recordEnded(
        endedWorkout(
          {
            _id: participationId(record._id, p.user_id),
            user_id: p.user_id,
            workout_type: record.workout_type,
            start_time: p.joined_at,
            end_time: new Date(p.joined_at.getTime() + p.duration * 1000),
            group_session_id: record._id,
          },
          p.duration,
          weights.get(p.user_id),
        ),
      );
    }
    return { created };
  }

  async get(req: ActivityRequest<'GetGroupSession'>): Promise<GroupSessionMessage> {
    const record = await this.sessions.findById(requireUuid(req.session_id, 'session_id'));
    if (!record) {
      throw new NotFoundError('group session not found');
    }
    return toMessage(record);
  }

  /** Summaries only: the heavy parts of each record are not even read. */
  async list(req: ActivityRequest<'ListGroupSessions'>): Promise<{ items: GroupSessionMessage[] }> {
    requireUuid(req.user_id, 'user_id');
    const limit = requirePageLimit(req.limit);
    const summaries = await this.sessions.listSummariesByParticipant(req.user_id, limit);
    return {
      items: summaries.map((r) =>
        toMessage({
          ...r,
          participant_ids: [],
          participants: [],
          messages: [],
          exercise_updates: [],
        }),
      ),
    };
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

/** The workout of one participation: the same session and user always give the same id. */
export function participationId(sessionId: string, userId: string): string {
  return derivedId('group', sessionId, userId);
}

/** Bounds of a record no live session can exceed (the gateway caps the record by bytes). */
const MAX_PARTICIPANTS = 1000;
const MAX_MESSAGES = 5000;
const MAX_EXERCISE_UPDATES = 20_000;

function text(value: string, field: string, max: number, multiline = false): string {
  requireSafeText(value, field, multiline);
  if (value.length > max) {
    throw new InvalidArgumentError(`${field} must be at most ${max} characters`, field);
  }
  return value;
}

function count<T>(items: T[], field: string, max: number): T[] {
  if (items.length > max) {
    throw new InvalidArgumentError(`${field} must have at most ${max} entries`, field);
  }
  return items;
}

/**
 * Checks a finished session as a client-supplied record (the gateway relays what users sent):
 * every refusal is INVALID_ARGUMENT naming the field, so the gateway's outbox sets the record
 * aside instead of retrying it, and nothing non-finite or unencodable reaches the store.
 */
function toRecord(req: ActivityRequest<'SaveGroupSession'>): GroupSessionRecord {
  requireUuid(req.session_id, 'session_id');
  requireUuid(req.creator_id, 'creator_id');
  const workoutType = requireWorkoutType(req.workout_type);
  const startedAt = requireIsoDateTime(req.started_at, 'started_at');
  const endedAt = requireIsoDateTime(req.ended_at, 'ended_at');
  if (endedAt < startedAt) {
    throw new InvalidArgumentError('ended_at must not be before started_at', 'ended_at');
  }
  const participants = count(req.participants, 'participants', MAX_PARTICIPANTS).map((p) => {
    requireUuid(p.user_id, 'participants.user_id');
    const duration = finiteInRange(p.duration, MAX_WORKOUT_SECONDS);
    if (duration === undefined) {
      throw new InvalidArgumentError(
        'participant duration must be 0 to 24 hours',
        'participants.duration',
      );
    }
    return {
      user_id: p.user_id,
      username: text(p.username, 'participants.username', 64),
      joined_at: requireIsoDateTime(p.joined_at, 'participants.joined_at'),
      duration,
    };
  });
  if (!Number.isInteger(req.messages_dropped) || req.messages_dropped < 0) {
    throw new InvalidArgumentError('messages_dropped must be a count', 'messages_dropped');
  }
  return {
    _id: req.session_id,
    name: text(req.name, 'name', 80),
    workout_type: workoutType,
    creator_id: req.creator_id,
    started_at: startedAt,
    ended_at: endedAt,
    participant_ids: [...new Set(participants.map((p) => p.user_id))],
    participants,
    messages: count(req.messages, 'messages', MAX_MESSAGES).map((m) => ({
      user_id: requireUuid(m.user_id, 'messages.user_id'),
      username: text(m.username, 'messages.username', 64),
      message: text(m.message, 'messages.message', 1000, true),
      sent_at: requireIsoDateTime(m.sent_at, 'messages.sent_at'),
    })),
    messages_dropped: req.messages_dropped,
    exercise_updates: count(req.exercise_updates, 'exercise_updates', MAX_EXERCISE_UPDATES).map(
      (e) => {
        const value = finiteInRange(e.value, 1_000_000);
        if (value === undefined) {
          throw new InvalidArgumentError(
            'exercise value must be 0 to 1000000',
            'exercise_updates.value',
          );
        }
        return {
          user_id: requireUuid(e.user_id, 'exercise_updates.user_id'),
          exercise: text(e.exercise, 'exercise_updates.exercise', 64),
          value,
          unit: text(e.unit, 'exercise_updates.unit', 16),
          at: requireIsoDateTime(e.at, 'exercise_updates.at'),
        };
      },
    ),
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
    messages_dropped: r.messages_dropped ?? 0,
    exercise_updates: r.exercise_updates.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}
