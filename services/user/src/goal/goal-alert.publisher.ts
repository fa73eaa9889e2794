import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  GOAL_ACHIEVED_CHANNEL,
  REDIS,
  errorMessage,
  type GoalAchievedEvent,
} from '@fitness/common';
import type { GoalWithPeriod } from './goal.entity.js';

@Injectable()
export class GoalAlertPublisher {
  private readonly logger = new Logger(GoalAlertPublisher.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Best effort: when Redis is away the alert is not lost, it stays pending in goal_periods and
   * the gateway hands it out at the user's next connection.
   */
  async publish(achieved: GoalWithPeriod[]): Promise<void> {
    for (const { goal, period } of achieved) {
      const event: GoalAchievedEvent = {
        user_id: goal.userId,
        goal_id: goal.id,
        goal_type: goal.goalType,
        target_value: goal.targetValue,
        achieved_at: (period.achievedAt ?? new Date()).toISOString(),
        period_start: period.periodStart.toISOString(),
      };
      try {
        await this.redis.publish(GOAL_ACHIEVED_CHANNEL, JSON.stringify(event));
      } catch (err) {
        this.logger.warn(
          `goal ${goal.id} achieved; live alert not published (${errorMessage(err)}), it stays pending`,
        );
      }
    }
  }
}
