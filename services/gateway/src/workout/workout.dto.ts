import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LimitQuery } from '../http/fields.js';
import { IsSafeText } from '../http/safe-text.js';
import {
  PAGE_DEFAULT,
  PAGE_MAX,
  WORKOUT_TYPE_PATTERN,
  WORKOUT_TYPE_RULE,
  type ActivityReply,
} from '@fitness/common';

export class StartWorkoutDto {
  @ApiProperty({
    format: 'uuid',
    example: '3f1c2a9e-5b7d-4c1e-9a2f-6d8b0e4f7a13',
    description: 'must be your own user_id',
  })
  @IsUUID('all', { message: 'user_id must be a UUID' })
  @IsSafeText()
  @IsString()
  user_id: string;

  @ApiProperty({
    example: 'running',
    description:
      'running, cycling, swimming, walking, strength, hiit, yoga, rowing, hiking or any other (MET 5.0)',
  })
  @Matches(WORKOUT_TYPE_PATTERN, { message: WORKOUT_TYPE_RULE })
  @IsSafeText()
  @IsString()
  workout_type: string;
}

export class EndWorkoutDto {
  @ApiProperty({ example: '2026-11-25T18:45:00Z', format: 'date-time' })
  @MaxLength(40)
  @IsSafeText()
  @IsString()
  end_time: string;
}

export class ListWorkoutsQuery {
  @LimitQuery(PAGE_MAX, PAGE_DEFAULT)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @MaxLength(512)
  @IsSafeText()
  @IsString()
  cursor?: string;
}

export class StartedWorkoutDto {
  @ApiProperty({ format: 'uuid' }) session_id: string;
  @ApiProperty({ format: 'date-time' }) start_time: string;
}

export class EndedWorkoutDto {
  @ApiProperty({ format: 'uuid' }) session_id: string;
  @ApiProperty({ description: 'seconds, 2 decimals' }) duration: number;
  @ApiProperty({ description: 'kcal, 2 decimals' }) calories_burned: number;
}

export class WorkoutDto {
  @ApiProperty({ format: 'uuid' }) session_id: string;
  @ApiProperty() workout_type: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) end_time: string | null;
  @ApiProperty({ type: Number, nullable: true }) duration: number | null;
  @ApiProperty({ type: Number, nullable: true }) calories_burned: number | null;
}

export class WorkoutListDto {
  @ApiProperty({ type: [WorkoutDto] }) items: WorkoutDto[];
  @ApiPropertyOptional() next_cursor?: string;
}

type WorkoutMessage = ActivityReply<'StartWorkout'>;

export function mapWorkout(w: WorkoutMessage): WorkoutDto {
  return {
    session_id: w.session_id,
    workout_type: w.workout_type,
    status: w.status,
    start_time: w.start_time,
    end_time: w.end_time ?? null,
    duration: w.duration ?? null,
    calories_burned: w.calories_burned ?? null,
  };
}
