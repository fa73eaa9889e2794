import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  GOAL_PERIODS,
  GOAL_STATUSES,
  GOAL_TARGET_MAX,
  GOAL_TYPES,
  InvalidArgumentError,
  NotFoundError,
  MAX_WORKOUT_KCAL,
  MAX_WORKOUT_SECONDS,
  finiteInRange,
  isUuid,
  requireUuid,
  parseIsoDate,
  parseIsoDateTime,
  requireIsoDateTime,
  requireOneOf,
  requireSafeText,
  requireWorkoutType,
  round2,
  type GoalPeriod,
  type GoalStatus,
  type GoalType,
  type UserRequest,
  type UserResponse,
} from '@fitness/common';
import { UserService } from '../user/user.service.js';
import { GoalEntity, type GoalPeriodState } from './goal.entity.js';
import { GoalAlertPublisher } from './goal-alert.publisher.js';
import { goalPeriodStart } from './goal-period.js';
import { GoalRepository, periodKey } from './goal.repository.js';

export type GoalMessage = UserResponse<'CreateGoal'>;
export type RecordWorkoutResult = UserResponse<'RecordWorkout'>;

const DAY_MS = 24 * 3600 * 1000;
const MAX_HORIZON_MS = 10 * 365 * DAY_MS;

@Injectable()
export class GoalService {
  constructor(
    private readonly goals: GoalRepository,
    private readonly users: UserService,
    private readonly alerts: GoalAlertPublisher,
  ) {}

  async create(req: UserRequest<'CreateGoal'>, now = new Date()): Promise<GoalMessage> {
    const goalType = requireOneOf(req.goal_type, GOAL_TYPES, 'goal_type');
    const targetValue = parseTargetValue(goalType, req.target_value);
    const targetDate = parseTargetDate(req.target_date, now);
    const period = parsePeriod(req.period);
    const workoutType = parseWorkoutType(req.workout_type);
    await this.users.require(req.user_id);
    const goal = new GoalEntity();
    goal.id = randomUUID();
    goal.userId = req.user_id;
    goal.goalType = goalType;
    goal.targetValue = targetValue;
    goal.targetDate = targetDate;
    goal.period = period;
    goal.workoutType = workoutType;
    // Set here (not by the database) so a once goal's period is keyed by the same milliseconds.
    goal.createdAt = now;
    const saved = await this.goals.insert(goal);
    return mapGoal(saved, emptyPeriod(saved, now), now);
  }

  async list(userId: string, status?: string, now = new Date()): Promise<GoalMessage[]> {
    const wanted = parseStatus(status);
    const goals = await this.goals.listByUser(userId, wanted, now);
    if (goals.length === 0) {
      // A goal references its user (ON DELETE CASCADE): only an empty list can hide an unknown
      // user (404), so a user with goals is not looked up again (one query fewer per read).
      await this.users.require(userId);
    }
    return this.withCurrentPeriods(goals, now);
  }

  async update(req: UserRequest<'UpdateGoal'>, now = new Date()): Promise<GoalMessage> {
    requireUuid(req.user_id, 'user_id');
    const goalId = requireGoalId(req.goal_id);
    if (req.target_value === undefined && req.target_date === undefined) {
      throw new InvalidArgumentError('send target_value, target_date or both', 'target_value');
    }
    const targetDate =
      req.target_date === undefined ? undefined : parseTargetDate(req.target_date, now);
    const existing = await this.goals.findOwned(req.user_id, goalId);
    if (!existing) {
      throw new NotFoundError('goal not found');
    }
    const targetValue =
      req.target_value === undefined
        ? undefined
        : parseTargetValue(existing.goalType, req.target_value);
    const result = await this.goals.update(
      req.user_id,
      goalId,
      { targetValue, targetDate },
      (goal) => currentPeriodStart(goal, now),
    );
    if (!result) {
      throw new NotFoundError('goal not found');
    }
    // A target lowered to the progress already made is reached now: alerted like any other.
    if (result.achieved.length > 0) {
      await this.alerts.publish(result.achieved);
    }
    const [goal] = await this.withCurrentPeriods([result.goal], now);
    return goal;
  }

  async delete(req: UserRequest<'DeleteGoal'>): Promise<void> {
    requireUuid(req.user_id, 'user_id');
    const goalId = requireGoalId(req.goal_id);
    if (!(await this.goals.delete(req.user_id, goalId))) {
      throw new NotFoundError('goal not found');
    }
  }

  async recordWorkout(req: UserRequest<'RecordWorkout'>): Promise<RecordWorkoutResult> {
    requireUuid(req.user_id, 'user_id');
    requireUuid(req.workout_id, 'workout_id');
    const endedAt = requireIsoDateTime(req.ended_at, 'ended_at');
    const duration = finiteInRange(req.duration, MAX_WORKOUT_SECONDS);
    if (duration === undefined) {
      throw new InvalidArgumentError(
        `duration must be 0 to ${MAX_WORKOUT_SECONDS} seconds`,
        'duration',
      );
    }
    const calories = finiteInRange(req.calories_burned, MAX_WORKOUT_KCAL);
    if (calories === undefined) {
      throw new InvalidArgumentError(
        `calories_burned must be 0 to ${MAX_WORKOUT_KCAL} kcal`,
        'calories_burned',
      );
    }
    // An older caller sends no type: such a workout counts only for goals of any type.
    const workoutType = parseWorkoutType(req.workout_type) ?? '';
    await this.users.require(req.user_id);
    const result = await this.goals.recordWorkout(
      {
        workoutId: req.workout_id,
        userId: req.user_id,
        workoutType,
        endedAt,
        duration,
        caloriesBurned: calories,
      },
      // A workout counts in the period that holds its end.
      (goal) => goalPeriodStart(goal.period, goal.createdAt, endedAt),
    );
    if (result.achieved.length > 0) {
      await this.alerts.publish(result.achieved);
    }
    const now = new Date();
    return {
      applied: result.applied,
      achieved: result.achieved.map((a) => mapGoal(a.goal, a.period, now)),
    };
  }

  async claimAlerts(req: UserRequest<'ClaimGoalAlerts'>): Promise<GoalMessage[]> {
    requireUuid(req.user_id, 'user_id');
    if (!req.goal_ids.every(isUuid)) {
      throw new InvalidArgumentError('goal_ids must be UUIDs', 'goal_ids');
    }
    const periodStart =
      req.period_start === undefined
        ? undefined
        : requireIsoDateTime(req.period_start, 'period_start');
    const now = new Date();
    return (await this.goals.claimAlerts(req.user_id, req.goal_ids, periodStart)).map((a) =>
      mapGoal(a.goal, a.period, now),
    );
  }

  /** The goals with the state of their current period. */
  private async withCurrentPeriods(goals: GoalEntity[], now: Date): Promise<GoalMessage[]> {
    const keys = goals.map((goal) => ({
      goalId: goal.id,
      periodStart: currentPeriodStart(goal, now),
    }));
    const states = await this.goals.periods(keys);
    return goals.map((goal, i) => {
      const state = states.get(periodKey(goal.id, keys[i].periodStart));
      return mapGoal(
        goal,
        state ?? { ...emptyPeriod(goal, now), periodStart: keys[i].periodStart },
        now,
      );
    });
  }
}

/** The period shown for a goal: the one holding now, or the last one once the goal has ended. */
export function currentPeriodStart(goal: GoalEntity, now: Date): Date {
  const at = now.getTime() < goal.targetDate.getTime() ? now : goal.targetDate;
  return goalPeriodStart(goal.period, goal.createdAt, at);
}

function emptyPeriod(goal: GoalEntity, now: Date): GoalPeriodState {
  return { periodStart: currentPeriodStart(goal, now), progress: 0, achievedAt: null };
}

/**
 * A once goal is achieved for good when its target is reached, expired when its target_date
 * passed first. A recurring goal is active until its target_date (each period's achievement shows
 * in achieved_at), then expired.
 */
export function goalStatus(goal: GoalEntity, period: GoalPeriodState, now: Date): GoalStatus {
  if (goal.period === 'once' && period.achievedAt) {
    return 'achieved';
  }
  return goal.targetDate.getTime() < now.getTime() ? 'expired' : 'active';
}

export function mapGoal(goal: GoalEntity, period: GoalPeriodState, now: Date): GoalMessage {
  return {
    goal_id: goal.id,
    user_id: goal.userId,
    goal_type: goal.goalType,
    target_value: goal.targetValue,
    target_date: goal.targetDate.toISOString(),
    current_progress: round2(period.progress),
    ...(period.achievedAt ? { achieved_at: period.achievedAt.toISOString() } : {}),
    created_at: goal.createdAt.toISOString(),
    period: goal.period,
    ...(goal.workoutType ? { workout_type: goal.workoutType } : {}),
    period_start: period.periodStart.toISOString(),
    status: goalStatus(goal, period, now),
  };
}

function parsePeriod(value: string | undefined): GoalPeriod {
  return value === undefined || value === '' ? 'once' : requireOneOf(value, GOAL_PERIODS, 'period');
}

function parseStatus(value: string | undefined): GoalStatus | undefined {
  return value === undefined || value === ''
    ? undefined
    : requireOneOf(value, GOAL_STATUSES, 'status');
}

/** A workout type as the activity service stores it (lower-case); null when not given. */
function parseWorkoutType(value: string | undefined): string | null {
  if (value === undefined || value === '') {
    return null;
  }
  requireSafeText(value, 'workout_type');
  return requireWorkoutType(value);
}

function requireGoalId(value: string): string {
  return requireUuid(value, 'goal_id').toLowerCase();
}

function parseTargetValue(type: GoalType, value: number): number {
  const max = GOAL_TARGET_MAX[type];
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidArgumentError(
      `target_value must be greater than 0 and at most ${max} for ${type}`,
      'target_value',
    );
  }
  if (type === 'workouts' && !Number.isInteger(value)) {
    throw new InvalidArgumentError(
      'target_value must be a whole number of workouts',
      'target_value',
    );
  }
  return value;
}

/**
 * A date (YYYY-MM-DD) means the whole of that day in UTC; a date-time is taken as given. It must
 * lie in the future and within ten years.
 */
export function parseTargetDate(value: string, now: Date): Date {
  const day = parseIsoDate(value);
  const date = day ? new Date(day.getTime() + DAY_MS - 1) : parseIsoDateTime(value);
  if (!date) {
    throw new InvalidArgumentError(
      'target_date must be an ISO-8601 date (YYYY-MM-DD) or date-time',
      'target_date',
    );
  }
  if (date.getTime() <= now.getTime()) {
    throw new InvalidArgumentError('target_date must be in the future', 'target_date');
  }
  if (date.getTime() - now.getTime() > MAX_HORIZON_MS) {
    throw new InvalidArgumentError('target_date must be within ten years', 'target_date');
  }
  return date;
}
