import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { GoalStatus } from '@fitness/common';
import { GoalEntity, type GoalPeriodState, type GoalWithPeriod } from './goal.entity.js';

export interface WorkoutContribution {
  workoutId: string;
  userId: string;
  workoutType: string;
  endedAt: Date;
  duration: number;
  caloriesBurned: number;
}

export interface ContributionResult {
  applied: boolean;
  achieved: GoalWithPeriod[];
}

export interface GoalChanges {
  targetValue?: number;
  targetDate?: Date;
}

/** A goal and a period of it, by key. */
export interface PeriodKey {
  goalId: string;
  periodStart: Date;
}

interface GoalRow {
  id: string;
  user_id: string;
  goal_type: GoalEntity['goalType'];
  target_value: number;
  target_date: Date;
  period: GoalEntity['period'];
  workout_type: string | null;
  created_at: Date;
}

/** A goal row joined with one of its periods (columns p_*). */
interface GoalPeriodRow extends GoalRow {
  p_period_start: Date;
  p_progress: number;
  p_achieved_at: Date | null;
}

interface PeriodRow {
  goal_id: string;
  period_start: Date;
  progress: number;
  achieved_at: Date | null;
}

const GOAL_COLUMNS = `g.id, g.user_id, g.goal_type, g.target_value, g.target_date, g.period,
  g.workout_type, g.created_at`;
const PERIOD_COLUMNS = `p.period_start AS p_period_start, p.progress AS p_progress,
  p.achieved_at AS p_achieved_at`;
// A once goal whose (single) period reached its target.
const ONCE_ACHIEVED = `(g.period = 'once' AND EXISTS (
  SELECT 1 FROM goal_periods a WHERE a.goal_id = g.id AND a.achieved_at IS NOT NULL))`;
const STATUS_FILTER: Readonly<Record<GoalStatus, string>> = {
  achieved: ONCE_ACHIEVED,
  active: `g.target_date >= $2 AND NOT ${ONCE_ACHIEVED}`,
  expired: `g.target_date < $2 AND NOT ${ONCE_ACHIEVED}`,
};

@Injectable()
export class GoalRepository {
  constructor(
    @InjectRepository(GoalEntity) private readonly repo: Repository<GoalEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async insert(goal: GoalEntity): Promise<GoalEntity> {
    await this.repo.insert(goal);
    return (await this.repo.findOneBy({ id: goal.id })) as GoalEntity;
  }

  /** The goal when it exists and is this user's; null otherwise (the two are not told apart). */
  findOwned(userId: string, goalId: string): Promise<GoalEntity | null> {
    return this.repo.findOneBy({ id: goalId, userId });
  }

  /** The user's goals, newest first (at most 500), only those of `status` when given. */
  async listByUser(
    userId: string,
    status: GoalStatus | undefined,
    now: Date,
  ): Promise<GoalEntity[]> {
    const filter = status ? `AND ${STATUS_FILTER[status]}` : '';
    // Only the filters that compare with the target date take `now` ($2).
    const params = filter.includes('$2') ? [userId, now] : [userId];
    const rows: GoalRow[] = await this.dataSource.query(
      `SELECT ${GOAL_COLUMNS} FROM goals g
       WHERE g.user_id = $1 ${filter}
       ORDER BY g.created_at DESC, g.id LIMIT 500`,
      params,
    );
    return rows.map(toGoal);
  }

  /** The stored state of these periods; a period with nothing counted yet has no entry. */
  async periods(keys: PeriodKey[]): Promise<Map<string, GoalPeriodState>> {
    const states = new Map<string, GoalPeriodState>();
    if (keys.length === 0) {
      return states;
    }
    const rows: PeriodRow[] = await this.dataSource.query(
      `SELECT p.goal_id, p.period_start, p.progress, p.achieved_at
       FROM goal_periods p
       JOIN unnest($1::uuid[], $2::timestamptz[]) AS k (goal_id, period_start)
         ON k.goal_id = p.goal_id AND k.period_start = p.period_start`,
      keysParams(keys),
    );
    for (const r of rows) {
      states.set(periodKey(r.goal_id, r.period_start), {
        periodStart: r.period_start,
        progress: r.progress,
        achievedAt: r.achieved_at,
      });
    }
    return states;
  }

  /**
   * Changes a goal, then marks the period `current` achieved if the new target is already reached
   * (returned, for its alert), in one transaction. Null when the goal is not this user's.
   */
  update(
    userId: string,
    goalId: string,
    changes: GoalChanges,
    current: (goal: GoalEntity) => Date,
  ): Promise<{ goal: GoalEntity; achieved: GoalWithPeriod[] } | null> {
    return this.dataSource.transaction(async (tx) => {
      const [rows]: [GoalRow[], number] = await tx.query(
        `UPDATE goals g SET target_value = COALESCE($3, g.target_value),
           target_date = COALESCE($4, g.target_date)
         WHERE g.id = $1 AND g.user_id = $2
         RETURNING ${GOAL_COLUMNS}`,
        [goalId, userId, changes.targetValue ?? null, changes.targetDate ?? null],
      );
      if (rows.length === 0) {
        return null;
      }
      const goal = toGoal(rows[0]);
      const achieved = await achieveReached(tx, [{ goalId, periodStart: current(goal) }]);
      return { goal, achieved };
    });
  }

  /** Deletes the goal with its periods; false when it is not this user's (or already gone). */
  async delete(userId: string, goalId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM goals WHERE id = $1 AND user_id = $2 RETURNING id`,
      [goalId, userId],
    );
    return rows.length > 0;
  }

  /**
   * Marks achieved periods' alerts as delivered and returns those that were still pending, in one
   * statement: concurrent claims (two gateway replicas) never hand out the same alert twice.
   * `goalIds` empty: every pending alert of the user; `periodStart`: only that period's.
   */
  async claimAlerts(
    userId: string,
    goalIds: string[],
    periodStart?: Date,
  ): Promise<GoalWithPeriod[]> {
    const [rows]: [GoalPeriodRow[], number] = await this.dataSource.query(
      `UPDATE goal_periods p SET alert_delivered_at = now()
       FROM goals g
       WHERE g.id = p.goal_id AND p.user_id = $1
         AND p.achieved_at IS NOT NULL AND p.alert_delivered_at IS NULL
         AND (cardinality($2::uuid[]) = 0 OR p.goal_id = ANY($2::uuid[]))
         AND ($3::timestamptz IS NULL OR p.period_start = $3)
       RETURNING ${GOAL_COLUMNS}, ${PERIOD_COLUMNS}`,
      [userId, goalIds, periodStart ?? null],
    );
    return rows
      .map(toGoalWithPeriod)
      .sort(
        (a, b) => (a.period.achievedAt?.getTime() ?? 0) - (b.period.achievedAt?.getTime() ?? 0),
      );
  }

  /**
   * Applies one ended workout to every goal whose window (creation → target_date) holds its end
   * and whose workout type (if any) is the workout's, in the period `periodOf` gives, in one
   * transaction. The contribution row makes it idempotent: a retried call applies nothing.
   * Periods that cross their target get `achieved_at` set exactly once and are returned.
   */
  recordWorkout(
    c: WorkoutContribution,
    periodOf: (goal: GoalEntity) => Date,
  ): Promise<ContributionResult> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO workout_contributions (workout_id, user_id, ended_at, duration, calories_burned)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workout_id) DO NOTHING
         RETURNING workout_id`,
        [c.workoutId, c.userId, c.endedAt, c.duration, c.caloriesBurned],
      );
      if (inserted.length === 0) {
        return { applied: false, achieved: [] };
      }
      const goals: GoalRow[] = await tx.query(
        `SELECT ${GOAL_COLUMNS} FROM goals g
         WHERE g.user_id = $1 AND g.created_at <= $2 AND g.target_date >= $2
           AND (g.workout_type IS NULL OR g.workout_type = $3)`,
        [c.userId, c.endedAt, c.workoutType],
      );
      if (goals.length === 0) {
        return { applied: true, achieved: [] };
      }
      const keys = goals.map((row) => {
        const goal = toGoal(row);
        return { goalId: goal.id, periodStart: periodOf(goal) };
      });
      await tx.query(
        `INSERT INTO goal_periods (goal_id, period_start, user_id, progress)
         SELECT g.id, k.period_start, g.user_id, CASE g.goal_type
             WHEN 'workouts' THEN 1
             WHEN 'duration_minutes' THEN $4::double precision / 60
             ELSE $5::double precision END
         FROM unnest($1::uuid[], $2::timestamptz[]) AS k (goal_id, period_start)
         JOIN goals g ON g.id = k.goal_id AND g.user_id = $3
         ON CONFLICT (goal_id, period_start)
           DO UPDATE SET progress = goal_periods.progress + EXCLUDED.progress`,
        [...keysParams(keys), c.userId, c.duration, c.caloriesBurned],
      );
      return { applied: true, achieved: await achieveReached(tx, keys) };
    });
  }
}

/** Sets achieved_at, once, on those of the periods whose progress reached the goal's target. */
async function achieveReached(tx: EntityManager, keys: PeriodKey[]): Promise<GoalWithPeriod[]> {
  const [rows]: [GoalPeriodRow[], number] = await tx.query(
    `UPDATE goal_periods p SET achieved_at = now()
     FROM goals g, unnest($1::uuid[], $2::timestamptz[]) AS k (goal_id, period_start)
     WHERE g.id = p.goal_id AND p.goal_id = k.goal_id AND p.period_start = k.period_start
       AND p.achieved_at IS NULL AND p.progress >= g.target_value
     RETURNING ${GOAL_COLUMNS}, ${PERIOD_COLUMNS}`,
    keysParams(keys),
  );
  return rows.map(toGoalWithPeriod);
}

export function periodKey(goalId: string, periodStart: Date): string {
  return `${goalId}@${periodStart.toISOString()}`;
}

function keysParams(keys: PeriodKey[]): [string[], string[]] {
  return [keys.map((k) => k.goalId), keys.map((k) => k.periodStart.toISOString())];
}

function toGoal(row: GoalRow): GoalEntity {
  const goal = new GoalEntity();
  goal.id = row.id;
  goal.userId = row.user_id;
  goal.goalType = row.goal_type;
  goal.targetValue = row.target_value;
  goal.targetDate = row.target_date;
  goal.period = row.period;
  goal.workoutType = row.workout_type;
  goal.createdAt = row.created_at;
  return goal;
}

function toGoalWithPeriod(row: GoalPeriodRow): GoalWithPeriod {
  return {
    goal: toGoal(row),
    period: {
      periodStart: row.p_period_start,
      progress: row.p_progress,
      achievedAt: row.p_achieved_at,
    },
  };
}
