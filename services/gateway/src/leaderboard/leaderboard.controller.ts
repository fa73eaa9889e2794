import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  InvalidArgumentError,
  LEADERBOARD_METRICS,
  type ActivityUpstream,
} from '@fitness/common';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ApiErrors, UPSTREAM_ERRORS } from '../http/api-docs.js';
import { LeaderboardDto, LeaderboardQuery, METRIC_PARAM } from './leaderboard.dto.js';

@ApiTags('leaderboards')
@ApiErrors(401, ...UPSTREAM_ERRORS)
@Controller('leaderboards')
export class LeaderboardController {
  constructor(@InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream) {}

  @Get(':metric')
  @ApiOperation({
    summary: 'A leaderboard',
    description:
      'The top users by workouts, duration or calories this week, this month or of all time. Private by default: only users who set leaderboard_visible are listed; `me` always gives your own rank, as if you were listed.',
  })
  @ApiParam(METRIC_PARAM)
  @ApiOkResponse({ type: LeaderboardDto, description: 'The top of the board and your rank' })
  @ApiErrors(400)
  async get(
    @Param('metric') metric: string,
    @Query() query: LeaderboardQuery,
    @CurrentUser() caller: string,
  ): Promise<LeaderboardDto> {
    if (!(LEADERBOARD_METRICS as readonly string[]).includes(metric)) {
      throw new InvalidArgumentError(
        `metric must be one of ${LEADERBOARD_METRICS.join(', ')}`,
        'metric',
      );
    }
    const board = await this.activity.call('GetLeaderboard', {
      metric,
      period: query.period ?? 'week',
      limit: query.limit ?? 10,
      user_id: caller,
    });
    return {
      items: board.items.map((e) => ({
        rank: e.rank,
        user_id: e.user_id,
        username: e.username,
        value: e.value,
      })),
      me: { rank: board.me?.rank ?? 0, value: board.me?.value ?? 0 },
    };
  }
}
