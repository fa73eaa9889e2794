import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  GOAL_TARGET_MAX,
  GOAL_TYPES,
  InvalidArgumentError,
  MAX_WORKOUT_KCAL,
  MAX_WORKOUT_SECONDS,
  finiteInRange,
  isUuid,
  requireUuid,
  parseIsoDate,
  parseIsoDateTime,
  round2,
  type GoalType,
  type UserRequest,
  type UserResponse,
} from '@fitness/common';
import { UserService } from '../user/user.service.js';
import { GoalEntity } from './goal.entity.js';
import { GoalAlertPublisher } from './goal-alert.publisher.js';
import { GoalRepository } from './goal.repository.js';

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
    const goalType = parseGoalType(req.goal_type);
    const targetValue = parseTargetValue(goalType, req.target_value);
    const targetDate = parseTargetDate(req.target_date, now);
    await this.users.require(req.user_id);
    const goal = new GoalEntity();
    goal.id = randomUUID();
    goal.userId = req.user_id;
    goal.goalType = goalType;
    goal.targetValue = targetValue;
    goal.targetDate = targetDate;
    goal.currentProgress = 0;
    goal.achievedAt = null;
    return mapGoal(await this.goals.insert(goal));
  }

  async list(userId: string): Promise<GoalMessage[]> {
    await this.users.require(userId);
    return (await this.goals.listByUser(userId)).map(mapGoal);
  }

  async recordWorkout(req: UserRequest<'RecordWorkout'>): Promise<RecordWorkoutResult> {
    requireUuid(req.user_id, 'user_id');
    requireUuid(req.workout_id, 'workout_id');
    const endedAt = parseIsoDateTime(req.ended_at);
    if (!endedAt) {
      throw new InvalidArgumentError('ended_at must be an ISO-8601 date-time', 'ended_at');
    }
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
    await this.users.require(req.user_id);
    const result = await this.goals.recordWorkout({
      workoutId: req.workout_id,
      userId: req.user_id,
      endedAt,
      duration,
      caloriesBurned: calories,
    });
    if (result.achieved.length > 0) {
      await this.alerts.publish(result.achieved);
    }
    return { applied: result.applied, achieved: result.achieved.map(mapGoal) };
  }

  async claimAlerts(req: UserRequest<'ClaimGoalAlerts'>): Promise<GoalMessage[]> {
    requireUuid(req.user_id, 'user_id');
    if (!req.goal_ids.every(isUuid)) {
      throw new InvalidArgumentError('goal_ids must be UUIDs', 'goal_ids');
    }
    return (await this.goals.claimAlerts(req.user_id, req.goal_ids)).map(mapGoal);
  }
}

export function mapGoal(goal: GoalEntity): GoalMessage {
  return {
    goal_id: goal.id,
    user_id: goal.userId,
    goal_type: goal.goalType,
    target_value: goal.targetValue,
    target_date: goal.targetDate.toISOString(),
    current_progress: round2(goal.currentProgress),
    ...(goal.achievedAt ? { achieved_at: goal.achievedAt.toISOString() } : {}),
    created_at: goal.createdAt.toISOString(),
  };
}

function parseGoalType(value: string): GoalType {
  if (!(GOAL_TYPES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `goal_type must be one of: ${GOAL_TYPES.join(', ')}`,
      'goal_type',
    );
  }
  return value as GoalType;
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
