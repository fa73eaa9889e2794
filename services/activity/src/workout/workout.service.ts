import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  PAGE_DEFAULT,
  PAGE_MAX,
  PermissionDeniedError,
  WORKOUT_TYPE_PATTERN,
  WORKOUT_TYPE_RULE,
  round2,
  type ActivityServiceDefinition,
  type HandlerRequestOf,
  type HandlerResponseOf,
} from '@fitness/common';
import { USER_CLIENT, type UserClient } from '../upstream/user.client.js';
import { caloriesBurned } from './calories.js';
import { WorkoutCompletionService } from './workout-completion.service.js';
import { WorkoutRepository, type PageAfter } from './workout.repository.js';
import type { Workout } from './workout.schema.js';

type Req<K extends keyof ActivityServiceDefinition> = HandlerRequestOf<
  ActivityServiceDefinition,
  K
>;
export type WorkoutMessage = HandlerResponseOf<ActivityServiceDefinition, 'StartWorkout'>;
export type WorkoutPage = HandlerResponseOf<ActivityServiceDefinition, 'ListWorkouts'>;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Longest plausible single workout; anything longer is a forgotten session or a typo. */
export const MAX_WORKOUT_SECONDS = 24 * 3600;
/** Tolerated clock skew between a client and us for end_time. */
const FUTURE_SKEW_MS = 5 * 60_000;

@Injectable()
export class WorkoutService {
  constructor(
    private readonly workouts: WorkoutRepository,
    private readonly completion: WorkoutCompletionService,
    @Inject(USER_CLIENT) private readonly users: UserClient,
  ) {}

  async start(req: Req<'StartWorkout'>, now = new Date()): Promise<WorkoutMessage> {
    if (!WORKOUT_TYPE_PATTERN.test(req.workout_type)) {
      throw new InvalidArgumentError(WORKOUT_TYPE_RULE, 'workout_type');
    }
    const workoutType = req.workout_type.toLowerCase();
    if (!req.user_id) {
      throw new InvalidArgumentError('user_id is required', 'user_id');
    }
    const workout = await this.workouts.insert({
      _id: randomUUID(),
      user_id: req.user_id,
      workout_type: workoutType,
      start_time: now,
      status: 'active',
      stats_applied: false,
      progress_recorded: false,
    });
    return mapWorkout(workout);
  }

  async end(
    req: Req<'EndWorkout'>,
    metadata?: Metadata,
    now = new Date(),
  ): Promise<WorkoutMessage> {
    const endTime = parseEndTime(req.end_time);
    const workout = await this.workouts.findById(req.session_id);
    if (!workout) {
      throw new NotFoundError('workout session not found');
    }
    if (workout.user_id !== req.user_id) {
      throw new PermissionDeniedError('this workout session belongs to another user');
    }
    if (workout.status === 'ended') {
      throw new FailedPreconditionError('workout session has already ended');
    }
    const durationMs = endTime.getTime() - workout.start_time.getTime();
    if (durationMs < 0) {
      throw new InvalidArgumentError(
        `end_time must not be before the session's start_time (${workout.start_time.toISOString()})`,
        'end_time',
      );
    }
    if (endTime.getTime() > now.getTime() + FUTURE_SKEW_MS) {
      throw new InvalidArgumentError('end_time must not be in the future', 'end_time');
    }
    if (durationMs > MAX_WORKOUT_SECONDS * 1000) {
      throw new InvalidArgumentError('a workout can last at most 24 hours', 'end_time');
    }
    const profile = await this.users.call('GetUser', { user_id: workout.user_id }, { metadata });
    const duration = round2(durationMs / 1000);
    const ended: Workout = {
      ...workout,
      status: 'ended',
      end_time: endTime,
      duration,
      calories_burned: caloriesBurned(workout.workout_type, profile.weight_kg, durationMs / 1000),
      stats_applied: false,
      progress_recorded: false,
    };
    const won = await this.workouts.markEnded(workout._id, {
      end_time: endTime,
      duration,
      calories_burned: ended.calories_burned ?? 0,
    });
    if (!won) {
      throw new FailedPreconditionError('workout session has already ended');
    }
    await this.completion.complete(ended, metadata);
    return mapWorkout(ended);
  }

  async list(req: Req<'ListWorkouts'>): Promise<WorkoutPage> {
    const limit = req.limit === 0 ? PAGE_DEFAULT : req.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
      throw new InvalidArgumentError(`limit must be between 1 and ${PAGE_MAX}`, 'limit');
    }
    const after = req.cursor ? decodeCursor(req.cursor) : undefined;
    const rows = await this.workouts.listByUser(req.user_id, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(mapWorkout),
      ...(rows.length > limit && last ? { next_cursor: encodeCursor(last) } : {}),
    };
  }
}

export function mapWorkout(w: Workout): WorkoutMessage {
  return {
    session_id: w._id,
    user_id: w.user_id,
    workout_type: w.workout_type,
    start_time: w.start_time.toISOString(),
    status: w.status,
    ...(w.end_time ? { end_time: w.end_time.toISOString() } : {}),
    ...(w.duration === undefined ? {} : { duration: w.duration }),
    ...(w.calories_burned === undefined ? {} : { calories_burned: w.calories_burned }),
  };
}

function parseEndTime(value: string): Date {
  const date = ISO_DATE_TIME.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('end_time must be an ISO-8601 date-time', 'end_time');
  }
  return date;
}

export function encodeCursor(w: Workout): string {
  return Buffer.from(JSON.stringify({ t: w.start_time.toISOString(), id: w._id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): PageAfter {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const { t, id } = parsed as { t?: unknown; id?: unknown };
      const startTime = typeof t === 'string' ? new Date(t) : new Date(Number.NaN);
      if (typeof id === 'string' && !Number.isNaN(startTime.getTime())) {
        return { start_time: startTime, id };
      }
    }
  } catch {
    // fall through to the client error below
  }
  throw new InvalidArgumentError(
    'cursor is not valid: use next_cursor from a previous page',
    'cursor',
  );
}
