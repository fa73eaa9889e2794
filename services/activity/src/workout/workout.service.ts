import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  FailedPreconditionError,
  InjectUpstream,
  InvalidArgumentError,
  MAX_WORKOUT_SECONDS,
  NotFoundError,
  PAGE_DEFAULT,
  PAGE_MAX,
  PermissionDeniedError,
  USER_UPSTREAM,
  WORKOUT_TYPE_PATTERN,
  WORKOUT_TYPE_RULE,
  errorMessage,
  parseIsoDateTime,
  requireUuid,
  round2,
  type ActivityRequest,
  type ActivityResponse,
  type UserUpstream,
} from '@fitness/common';
import { CoordinationService } from '../coordination/coordination.service.js';
import { caloriesBurned } from './calories.js';
import { WorkoutCompletionService } from './workout-completion.service.js';
import { WorkoutRepository, type PageAfter } from './workout.repository.js';
import type { Workout } from './workout.schema.js';

export type WorkoutMessage = ActivityResponse<'StartWorkout'>;
export type WorkoutPage = ActivityResponse<'ListWorkouts'>;

/** Tolerated clock skew between a client and us for end_time. */
const FUTURE_SKEW_MS = 5 * 60_000;
/** An end claimed by an instance that died before storing it is free again after this. */
const END_CLAIM_TTL_MS = 30_000;

@Injectable()
export class WorkoutService {
  private readonly logger = new Logger(WorkoutService.name);

  constructor(
    private readonly workouts: WorkoutRepository,
    private readonly completion: WorkoutCompletionService,
    private readonly coordination: CoordinationService,
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
  ) {}

  async start(req: ActivityRequest<'StartWorkout'>, now = new Date()): Promise<WorkoutMessage> {
    if (!WORKOUT_TYPE_PATTERN.test(req.workout_type)) {
      throw new InvalidArgumentError(WORKOUT_TYPE_RULE, 'workout_type');
    }
    const workoutType = req.workout_type.toLowerCase();
    requireUuid(req.user_id, 'user_id');
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

  /**
   * Ends a workout, all or nothing as the client sees it: everything that can fail on the
   * client's input or on the user service is done before the end is claimed; a failure to store
   * the end gives the claim back (the workout can be ended again), and a claim whose holder died
   * is taken over after END_CLAIM_TTL_MS. Once stored as ended, the follow-ups (statistics, goal
   * progress) are the sweep's to finish if they fail now.
   */
  async end(req: ActivityRequest<'EndWorkout'>, now = new Date()): Promise<WorkoutMessage> {
    requireUuid(req.session_id, 'session_id');
    requireUuid(req.user_id, 'user_id');
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
    const profile = await this.users.call('GetUser', { user_id: workout.user_id });
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
    // The claim `end:<workout>` is the compare-and-set (a unique insert: atomic on MongoDB and
    // FerretDB alike), so of two concurrent ends only one goes on.
    const claim = `end:${workout._id}`;
    if (!(await this.coordination.claimFor(claim, END_CLAIM_TTL_MS))) {
      throw new FailedPreconditionError('workout session has already ended');
    }
    try {
      await this.workouts.markEnded(workout._id, {
        end_time: endTime,
        duration,
        calories_burned: ended.calories_burned ?? 0,
      });
    } catch (err) {
      await this.coordination
        .release(claim)
        .catch((releaseErr: unknown) =>
          this.logger.warn(
            `end of workout ${workout._id} not stored and its claim not released (free again in ${END_CLAIM_TTL_MS} ms): ${errorMessage(releaseErr)}`,
          ),
        );
      throw err;
    }
    await this.completion.complete(ended);
    return mapWorkout(ended);
  }

  /**
   * Stores an already ended workout (a group session's participation) unless it exists, then
   * runs its follow-ups. A redelivery stores and counts nothing twice.
   */
  async recordEnded(workout: Workout): Promise<void> {
    if (await this.workouts.insertIfAbsent(workout)) {
      await this.completion.complete(workout);
    }
  }

  async list(req: ActivityRequest<'ListWorkouts'>): Promise<WorkoutPage> {
    requireUuid(req.user_id, 'user_id');
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
  const date = parseIsoDateTime(value);
  if (!date) {
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
