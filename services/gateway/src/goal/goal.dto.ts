import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive, IsString, MaxLength } from 'class-validator';
import { IsSafeText } from '../http/safe-text.js';
import { GOAL_TARGET_MAX, GOAL_TYPES, type GoalType, type UserReply } from '@fitness/common';

export class CreateGoalDto {
  @ApiProperty({ enum: GOAL_TYPES, example: 'workouts' })
  @IsIn(GOAL_TYPES, { message: `goal_type must be one of: ${GOAL_TYPES.join(', ')}` })
  @IsSafeText()
  @IsString()
  goal_type: GoalType;

  @ApiProperty({
    example: 12,
    description: 'count for workouts, minutes for duration_minutes, kcal for calories',
    maximum: Math.max(...Object.values(GOAL_TARGET_MAX)),
  })
  @IsPositive()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target_value: number;

  @ApiProperty({
    example: '2026-12-31',
    description: 'ISO-8601 date (the whole day, UTC) or date-time; in the future',
  })
  @MaxLength(40)
  @IsSafeText()
  @IsString()
  target_date: string;
}

export class GoalDto {
  @ApiProperty({ format: 'uuid' }) goal_id: string;
  @ApiProperty({ enum: GOAL_TYPES }) goal_type: string;
  @ApiProperty() target_value: number;
  @ApiProperty({ format: 'date-time' }) target_date: string;
  @ApiProperty() current_progress: number;
}

export class GoalListItemDto extends GoalDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the target was reached; null until then',
  })
  achieved_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class GoalListDto {
  @ApiProperty({ type: [GoalListItemDto] }) items: GoalListItemDto[];
}

type GoalMessage = UserReply<'CreateGoal'>;

export function mapGoal(g: GoalMessage): GoalDto {
  return {
    goal_id: g.goal_id,
    goal_type: g.goal_type,
    target_value: g.target_value,
    target_date: g.target_date,
    current_progress: g.current_progress,
  };
}

export function mapGoalListItem(g: GoalMessage): GoalListItemDto {
  return { ...mapGoal(g), achieved_at: g.achieved_at ?? null, created_at: g.created_at };
}
