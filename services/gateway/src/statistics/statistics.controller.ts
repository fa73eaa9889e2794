import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ACTIVITY_UPSTREAM,
  DAY_MS,
  InjectUpstream,
  isoDay,
  type ActivityUpstream,
  type Granularity,
} from '@fitness/common';
import { ApiErrors, ApiUserIdParam, UPSTREAM_ERRORS } from '../http/api-docs.js';
import { StatisticsDto, TrendDto, TrendQuery, mapTotals } from './statistics.dto.js';

/** The default window of a trend: 30 days, 12 weeks or 12 months up to `to`. */
export function defaultFrom(to: string, bucket: Granularity): string {
  const end = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(end.getTime())) {
    // `to` is validated by the activity service, which names it in its refusal.
    return to;
  }
  if (bucket === 'month') {
    return isoDay(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)));
  }
  return isoDay(new Date(end.getTime() - (bucket === 'day' ? 29 : 77) * DAY_MS));
}

@ApiTags('workouts')
@ApiErrors(401, 403, ...UPSTREAM_ERRORS)
@Controller('users/:user_id/statistics')
export class StatisticsController {
  constructor(@InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream) {}

  @Get()
  @ApiOperation({
    summary: 'Your statistics',
    description:
      'Totals over all your ended workouts (REST and group sessions), the last 4 weeks, the year to date, per workout type, and your streaks. Read from counters kept per workout: as fast with 10,000 workouts as with one.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: StatisticsDto, description: 'Your statistics' })
  async statistics(@Param('user_id') userId: string): Promise<StatisticsDto> {
    const s = await this.activity.call('GetStatistics', { user_id: userId });
    return {
      total_workouts: Number(s.total_workouts),
      total_duration: s.total_duration,
      total_calories_burned: s.total_calories_burned,
      average_session_duration: s.average_session_duration,
      recent_4_weeks: mapTotals(s.recent_4_weeks),
      year_to_date: mapTotals(s.year_to_date),
      all_time: mapTotals(s.all_time),
      by_workout_type: Object.fromEntries(
        Object.entries(s.by_workout_type ?? {}).map(([type, t]) => [type, mapTotals(t)]),
      ),
      current_streak_days: s.current_streak_days,
      longest_streak_days: s.longest_streak_days,
    };
  }

  @Get('trend')
  @ApiOperation({
    summary: 'Your workouts over time',
    description:
      'Workouts, duration and calories per day, ISO week (Monday) or month, UTC, oldest first, empty buckets included; at most 366 buckets.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: TrendDto, description: 'One item per bucket' })
  @ApiErrors(400)
  async trend(@Param('user_id') userId: string, @Query() query: TrendQuery): Promise<TrendDto> {
    const bucket = query.bucket ?? 'week';
    const to = query.to ?? isoDay(new Date());
    const from = query.from ?? defaultFrom(to, bucket);
    const trend = await this.activity.call('GetStatisticsTrend', {
      user_id: userId,
      bucket,
      from,
      to,
    });
    return {
      items: trend.items.map((b) => ({
        start: b.start,
        workouts: Number(b.workouts),
        duration: b.duration,
        calories_burned: b.calories_burned,
      })),
    };
  }
}
