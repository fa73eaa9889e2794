import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GoalType } from '@fitness/common';

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

  @Column({ name: 'current_progress', type: 'double precision', default: 0 })
  currentProgress: number;

  @Column({ name: 'achieved_at', type: 'timestamptz', nullable: true })
  achievedAt: Date | null;

  @Column({ name: 'alert_delivered_at', type: 'timestamptz', nullable: true })
  alertDeliveredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
