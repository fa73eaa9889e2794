import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitQuery } from '../http/fields.js';
import { LEADERBOARD_METRICS, LEADERBOARD_PERIODS, type LeaderboardPeriod } from '@fitness/common';

export const LEADERBOARD_LIMIT_MAX = 100;

export class LeaderboardQuery {
  @ApiPropertyOptional({
    enum: LEADERBOARD_PERIODS,
    default: 'week',
    description: 'the current ISO week or month (UTC), or all time',
  })
  @IsOptional()
  @IsIn(LEADERBOARD_PERIODS, { message: 'period must be week, month or all' })
  period?: LeaderboardPeriod;

  @LimitQuery(LEADERBOARD_LIMIT_MAX, 10)
  limit?: number;
}

export class LeaderboardEntryDto {
  @ApiProperty({ description: 'ties share a rank (1, 2, 2, 4)' }) rank: number;
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: 'workouts, seconds or kcal' }) value: number;
}

export class LeaderboardRankDto {
  @ApiProperty({ description: 'your rank among the listed users, as if you were listed' })
  rank: number;
  @ApiProperty() value: number;
}

export class LeaderboardDto {
  @ApiProperty({
    type: [LeaderboardEntryDto],
    description: 'best first; only users who set leaderboard_visible',
  })
  items: LeaderboardEntryDto[];
  @ApiProperty({ type: LeaderboardRankDto }) me: LeaderboardRankDto;
}

export const METRIC_PARAM = {
  name: 'metric',
  enum: LEADERBOARD_METRICS,
  description: 'workouts (count), duration (seconds) or calories_burned (kcal)',
};
