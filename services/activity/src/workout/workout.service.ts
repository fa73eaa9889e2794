import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  FailedPreconditionError,
  InjectUpstream,
  InvalidArgumentError,
  MAX_WORKOUT_SECONDS,
  NotFoundError,
  PermissionDeniedError,
  USER_UPSTREAM,
  errorMessage,
  parseIsoDateTime,
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
import { CoordinationService } from '../coordination/coordination.service.js';
import { caloriesBurned } from './calories.js';
import { derivedId } from './derived-id.js';
import { WorkoutCompletionService } from './workout-completion.service.js';
import { WorkoutRepository, type PageAfter } from './workout.repository.js';
import { NO_FOLLOW_UP_DONE, type FollowUp, type Workout } from './workout.schema.js';

export type WorkoutMessage = ActivityResponse<'StartWorkout'>;
export type WorkoutPage = ActivityResponse<'ListWorkouts'>;

/** Tolerated clock skew between a client and us for end_time. */
const FUTURE_SKEW_MS = 5 * 60_000;
/** Most workouts one import may carry. */
const MAX_IMPORT = 1000;
const IMPORT_OLDEST = new Date('2000-01-01T00:00:00Z');
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
    const workoutType = requireWorkoutType(req.workout_type);
    requireUuid(req.user_id, 'user_id');
    const workout = await this.workouts.insert({
      _id: randomUUID(),
      user_id: req.user_id,
      workout_type: workoutType,
      start_time: now,
      status: 'active',
      ...NO_FOLLOW_UP_DONE,
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
    const endTime = requireIsoDateTime(req.end_time, 'end_time');
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
    const ended = endedWorkout(
      { ...workout, end_time: endTime },
      durationMs / 1000,
      profile.weight_kg,
    );
    // The claim `end:<workout>` is the compare-and-set (a unique insert: atomic on MongoDB and
    // FerretDB alike), so of two concurrent ends only one goes on.
    const claim = `end:${workout._id}`;
    if (!(await this.coordination.claimFor(claim, END_CLAIM_TTL_MS))) {
      throw new FailedPreconditionError('workout session has already ended');
    }
    try {
      await this.workouts.markEnded(workout._id, {
        end_time: endTime,
        duration: ended.duration ?? 0,
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
  async recordEnded(workout: Workout): Promise<boolean> {
    if (!(await this.workouts.insertIfAbsent(workout))) {
      return false;
    }
    await this.completion.complete(workout);
    return true;
  }

  /**
   * Records workouts that ended in the past (another tracker's history, demo data), each as any
   * ended workout: statistics and their buckets, leaderboards, goals. Validated as a whole before
   * anything is stored; idempotent per import_id (the workout's id derives from it).
   */
  async importWorkouts(
    req: ActivityRequest<'ImportWorkouts'>,
    now = new Date(),
  ): Promise<{ imported: number }> {
    requireUuid(req.user_id, 'user_id');
    if (req.workouts.length > MAX_IMPORT) {
      throw new InvalidArgumentError(`at most ${MAX_IMPORT} workouts at a time`, 'workouts');
    }
    const parsed = req.workouts.map((w) => {
      requireSafeText(w.import_id, 'workouts.import_id');
      if (!w.import_id || w.import_id.length > 64) {
        throw new InvalidArgumentError(
          'import_id must be 1 to 64 characters',
          'workouts.import_id',
        );
      }
      const type = requireWorkoutType(w.workout_type, 'workouts.workout_type');
      const start = parseIsoDateTime(w.start_time);
      const end = parseIsoDateTime(w.end_time);
      if (!start || start < IMPORT_OLDEST) {
        throw new InvalidArgumentError(
          'start_time must be an ISO-8601 date-time after 2000-01-01',
          'workouts.start_time',
        );
      }
      if (!end || end < start || end.getTime() > now.getTime() + FUTURE_SKEW_MS) {
        throw new InvalidArgumentError(
          'end_time must be an ISO-8601 date-time between start_time and now',
          'workouts.end_time',
        );
      }
      if (end.getTime() - start.getTime() > MAX_WORKOUT_SECONDS * 1000) {
        throw new InvalidArgumentError('a workout can last at most 24 hours', 'workouts.end_time');
      }
      return { importId: w.import_id, type, start, end };
    });
    const profile = await this.users.call('GetUser', { user_id: req.user_id });
    let imported = 0;
    for (const w of parsed) {
      const recorded = await this.recordEnded(
        endedWorkout(
          {
            _id: derivedId('import', req.user_id, w.importId),
            user_id: req.user_id,
            workout_type: w.type,
            start_time: w.start,
            end_time: w.end,
          },
          (w.end.getTime() - w.start.getTime()) / 1000,
          profile.weight_kg,
        ),
      );
      imported += recorded ? 1 : 0;
    }
    return { imported };
  }

  async list(req: ActivityRequest<'ListWorkouts'>): Promise<WorkoutPage> {
    requireUuid(req.user_id, 'user_id');
    const limit = requirePageLimit(req.limit);
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

/**
 * A workout as stored once ended: its duration (2 decimals) and calories from the seconds it
 * lasted and the user's weight, none of its follow-ups done yet.
 */
export function endedWorkout(
  workout: Omit<Workout, 'status' | 'duration' | 'calories_burned' | FollowUp>,
  seconds: number,
  weightKg: number | undefined,
): Workout {
  return {
    ...workout,
    duration: round2(seconds),
    calories_burned: caloriesBurned(workout.workout_type, weightKg, seconds),
    status: 'ended',
    ...NO_FOLLOW_UP_DONE,
  };
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
