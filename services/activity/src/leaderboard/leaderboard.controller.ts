import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import {
  InvalidArgumentError,
  LEADERBOARD_METRICS,
  LEADERBOARD_PERIODS,
  LeaderboardStore,
  requireUuid,
  type ActivityRequest,
  type ActivityResponse,
  type LeaderboardMetric,
  type LeaderboardPeriod,
} from '@fitness/common';

export const LEADERBOARD_MAX_LIMIT = 100;

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`${field} must be one of ${allowed.join(', ')}`, field);
  }
  return value as T;
}

@Controller()
export class LeaderboardController {
  constructor(private readonly leaderboards: LeaderboardStore) {}

  @GrpcMethod('ActivityService', 'GetLeaderboard')
  async getLeaderboard(
    req: ActivityRequest<'GetLeaderboard'>,
  ): Promise<ActivityResponse<'GetLeaderboard'>> {
    const userId = requireUuid(req.user_id, 'user_id');
    const metric = oneOf<LeaderboardMetric>(req.metric, LEADERBOARD_METRICS, 'metric');
    const period = oneOf<LeaderboardPeriod>(req.period, LEADERBOARD_PERIODS, 'period');
    if (!Number.isInteger(req.limit) || req.limit < 1 || req.limit > LEADERBOARD_MAX_LIMIT) {
      throw new InvalidArgumentError(`limit must be 1 to ${LEADERBOARD_MAX_LIMIT}`, 'limit');
    }
    return this.leaderboards.read(metric, period, req.limit, userId);
  }
}
