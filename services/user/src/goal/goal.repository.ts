import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { GoalEntity } from './goal.entity.js';

export interface WorkoutContribution {
  workoutId: string;
  userId: string;
  endedAt: Date;
  duration: number;
  caloriesBurned: number;
}

export interface ContributionResult {
  applied: boolean;
  achieved: GoalEntity[];
}

interface GoalRow {
  id: string;
  user_id: string;
  goal_type: GoalEntity['goalType'];
  target_value: number;
  target_date: Date;
  current_progress: number;
  achieved_at: Date | null;
  alert_delivered_at: Date | null;
  created_at: Date;
}

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

  listByUser(userId: string): Promise<GoalEntity[]> {
    return this.repo.find({ where: { userId }, order: { createdAt: 'DESC' }, take: 500 });
  }

  /**
   * Marks achieved goals' alerts as delivered and returns those that were still pending, in one
   * statement: concurrent claims (two gateway replicas) never hand out the same alert twice.
   */
  async claimAlerts(userId: string, goalIds: string[]): Promise<GoalEntity[]> {
    const [rows]: [GoalRow[], number] = await this.dataSource.query(
      `UPDATE goals SET alert_delivered_at = now()
       WHERE user_id = $1 AND achieved_at IS NOT NULL AND alert_delivered_at IS NULL
         AND (cardinality($2::uuid[]) = 0 OR id = ANY($2::uuid[]))
       RETURNING *`,
      [userId, goalIds],
    );
    return rows
      .map(toEntity)
      .sort((a, b) => (a.achievedAt?.getTime() ?? 0) - (b.achievedAt?.getTime() ?? 0));
  }

  /**
   * Applies one ended workout to every goal whose window (creation → target_date) contains its end,
   * in one transaction. The contribution row makes it idempotent: a retried call applies nothing.
   * Goals that cross their target get `achieved_at` set exactly once and are returned.
   */
  recordWorkout(c: WorkoutContribution): Promise<ContributionResult> {
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
      await tx.query(
        `UPDATE goals SET current_progress = current_progress + CASE goal_type
             WHEN 'workouts' THEN 1
             WHEN 'duration_minutes' THEN $3::double precision / 60
             ELSE $4::double precision END
         WHERE user_id = $1 AND created_at <= $2 AND target_date >= $2`,
        [c.userId, c.endedAt, c.duration, c.caloriesBurned],
      );
      const [rows]: [GoalRow[], number] = await tx.query(
        `UPDATE goals SET achieved_at = now()
         WHERE user_id = $1 AND achieved_at IS NULL AND current_progress >= target_value
           AND created_at <= $2 AND target_date >= $2
         RETURNING *`,
        [c.userId, c.endedAt],
      );
      return { applied: true, achieved: rows.map(toEntity) };
    });
  }
}

function toEntity(row: GoalRow): GoalEntity {
  const goal = new GoalEntity();
  goal.id = row.id;
  goal.userId = row.user_id;
  goal.goalType = row.goal_type;
  goal.targetValue = row.target_value;
  goal.targetDate = row.target_date;
  goal.currentProgress = row.current_progress;
  goal.achievedAt = row.achieved_at;
  goal.alertDeliveredAt = row.alert_delivered_at;
  goal.createdAt = row.created_at;
  return goal;
}
