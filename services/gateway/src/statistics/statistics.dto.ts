import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { GRANULARITIES, type ActivityReply, type Granularity } from '@fitness/common';
import { IsSafeText } from '../http/safe-text.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_RULE = 'must be a date (YYYY-MM-DD)';

export class TotalsDto {
  @ApiProperty() workouts: number;
  @ApiProperty({ description: 'seconds' }) duration: number;
  @ApiProperty({ description: 'kcal' }) calories_burned: number;
}

export class StatisticsDto {
  @ApiProperty() total_workouts: number;
  @ApiProperty({ description: 'seconds' }) total_duration: number;
  @ApiProperty({ description: 'kcal' }) total_calories_burned: number;
  @ApiProperty({ description: 'seconds' }) average_session_duration: number;
  @ApiProperty({ type: TotalsDto, description: 'the last 28 UTC days, today included' })
  recent_4_weeks: TotalsDto;
  @ApiProperty({ type: TotalsDto, description: 'since January 1st (UTC) of this year' })
  year_to_date: TotalsDto;
  @ApiProperty({ type: TotalsDto }) all_time: TotalsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(TotalsDto) },
    example: { running: { workouts: 3, duration: 5400, calories_burned: 890.5 } },
    description: 'totals per workout type (the types you have ended workouts of)',
  })
  by_workout_type: Record<string, TotalsDto>;
  @ApiProperty({
    description:
      'consecutive UTC days with an ended workout up to today (or yesterday: a streak lives until a whole day passes without one)',
  })
  current_streak_days: number;
  @ApiProperty({ description: 'the longest such run ever' }) longest_streak_days: number;
}

export class TrendQuery {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'week', description: 'ISO weeks, UTC' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: 'bucket must be day, week or month' })
  bucket?: Granularity;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'first day (UTC) whose bucket is included; default: 30 days, 12 weeks or 12 months before `to`',
  })
  @IsOptional()
  @Matches(DATE, { message: `from ${DATE_RULE}` })
  @IsSafeText()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'last day (UTC) whose bucket is included; default: today',
  })
  @IsOptional()
  @Matches(DATE, { message: `to ${DATE_RULE}` })
  @IsSafeText()
  @IsString()
  to?: string;
}

export class TrendBucketDto {
  @ApiProperty({ format: 'date-time', description: 'start of the bucket (UTC midnight)' })
  start: string;
  @ApiProperty() workouts: number;
  @ApiProperty({ description: 'seconds' }) duration: number;
  @ApiProperty({ description: 'kcal' }) calories_burned: number;
}

export class TrendDto {
  @ApiProperty({ type: [TrendBucketDto], description: 'oldest first, empty buckets included' })
  items: TrendBucketDto[];
}

type Totals = NonNullable<ActivityReply<'GetStatistics'>['all_time']>;

export function mapTotals(t: Totals | null | undefined): TotalsDto {
  return {
    workouts: Number(t?.workouts ?? 0),
    duration: t?.duration ?? 0,
    calories_burned: t?.calories_burned ?? 0,
  };
}
