import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive, IsString, Matches, MaxLength } from 'class-validator';
import { IfPresent } from '../http/fields.js';
import { IsSafeText } from '../http/safe-text.js';
import {
  GOAL_PERIODS,
  GOAL_STATUSES,
  GOAL_TARGET_MAX,
  GOAL_TYPES,
  WORKOUT_TYPE_PATTERN,
  WORKOUT_TYPE_RULE,
  oneOfRule,
  type GoalPeriod,
  type GoalStatus,
  type GoalType,
  type UserReply,
} from '@fitness/common';

const TARGET_VALUE_MAX = Math.max(...Object.values(GOAL_TARGET_MAX));
const TARGET_VALUE_DESCRIPTION =
  'count for workouts, minutes for duration_minutes, kcal for calories; per period for a recurring goal';
const TARGET_DATE_DESCRIPTION =
  'ISO-8601 date (the whole day, UTC) or date-time; in the future. A recurring goal recurs until then';

export class CreateGoalDto {
  @ApiProperty({ enum: GOAL_TYPES, example: 'workouts' })
  @IsIn(GOAL_TYPES, { message: oneOfRule('goal_type', GOAL_TYPES) })
  @IsSafeText()
  @IsString()
  goal_type: GoalType;

  @ApiProperty({ example: 12, description: TARGET_VALUE_DESCRIPTION, maximum: TARGET_VALUE_MAX })
  @IsPositive()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target_value: number;

  @ApiProperty({ example: '2026-12-31', description: TARGET_DATE_DESCRIPTION })
  @MaxLength(40)
  @IsSafeText()
  @IsString()
  target_date: string;

  @ApiPropertyOptional({
    enum: GOAL_PERIODS,
    description:
      'once (the default): one target until target_date; week or month: the target again in each period from the creation (weeks: 7 days from the UTC day of the creation; months: from that day of each month, clamped to the month length), each counted afresh',
  })
  @IfPresent()
  @IsIn(GOAL_PERIODS, { message: oneOfRule('period', GOAL_PERIODS) })
  @IsSafeText()
  @IsString()
  period?: GoalPeriod;

  @ApiPropertyOptional({
    example: 'running',
    pattern: WORKOUT_TYPE_PATTERN.source,
    description: 'only workouts of this type count (any case, stored lower-case); omitted: any',
  })
  @IfPresent()
  @Matches(WORKOUT_TYPE_PATTERN, { message: WORKOUT_TYPE_RULE })
  @IsSafeText()
  @IsString()
  workout_type?: string;
}

export class UpdateGoalDto {
  @ApiPropertyOptional({
    example: 15,
    description: `${TARGET_VALUE_DESCRIPTION}; reaching it at once raises goal_achieved`,
    maximum: TARGET_VALUE_MAX,
  })
  @IfPresent()
  @IsPositive()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target_value?: number;

  @ApiPropertyOptional({ example: '2027-03-31', description: TARGET_DATE_DESCRIPTION })
  @IfPresent()
  @MaxLength(40)
  @IsSafeText()
  @IsString()
  target_date?: string;
}

export class GoalListQuery {
  @ApiPropertyOptional({
    enum: GOAL_STATUSES,
    description: 'only goals of this status; omitted: all',
  })
  @IfPresent()
  @IsIn(GOAL_STATUSES, { message: oneOfRule('status', GOAL_STATUSES) })
  @IsString()
  status?: GoalStatus;
}

export class GoalDto {
  @ApiProperty({ format: 'uuid' }) goal_id: string;
  @ApiProperty({ enum: GOAL_TYPES }) goal_type: string;
  @ApiProperty() target_value: number;
  @ApiProperty({ format: 'date-time' }) target_date: string;
  @ApiProperty({ description: 'in the current period of a recurring goal; 2 decimals' })
  current_progress: number;
  @ApiProperty({ enum: GOAL_PERIODS }) period: GoalPeriod;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the only workout type that counts; null: any',
  })
  workout_type: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'start of the current period (recurring) or the creation (once)',
  })
  period_start: string;
  @ApiProperty({
    enum: GOAL_STATUSES,
    description:
      'once: achieved when reached, expired when target_date passed first, else active; recurring: active until target_date, then expired',
  })
  status: GoalStatus;
}

export class GoalListItemDto extends GoalDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'when the target (of the current period, if recurring) was reached; null until then',
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
    period: g.period as GoalPeriod,
    workout_type: g.workout_type ?? null,
    period_start: g.period_start,
    status: g.status as GoalStatus,
  };
}

export function mapGoalListItem(g: GoalMessage): GoalListItemDto {
  return { ...mapGoal(g), achieved_at: g.achieved_at ?? null, created_at: g.created_at };
}
