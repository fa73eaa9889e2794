import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GoalPeriod, GoalType } from '@fitness/common';

@Entity('goals')
export class GoalEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'goal_type', type: 'varchar', length: 32 })
  goalType: GoalType;

  @Column({ name: 'target_value', type: 'double precision' })
  targetValue: number;

  @Column({ name: 'target_date', type: 'timestamptz' })
  targetDate: Date;

  @Column({ type: 'varchar', length: 8, default: 'once' })
  period: GoalPeriod;

  /** Only workouts of this (lower-case) type count; null: any. */
  @Column({ name: 'workout_type', type: 'varchar', length: 32, nullable: true })
  workoutType: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** Progress of a goal in one of its periods (a `once` goal has one, from its creation). */
export interface GoalPeriodState {
  periodStart: Date;
  progress: number;
  achievedAt: Date | null;
}

/** A goal with the state of one of its periods (none yet: nothing counted in it). */
export interface GoalWithPeriod {
  goal: GoalEntity;
  period: GoalPeriodState;
}
