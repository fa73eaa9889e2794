import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { GOAL_ACHIEVED_CHANNEL, REDIS, type GoalAchievedEvent } from '@fitness/common';
import { USER_CLIENT, type UserClient } from '../upstream/upstream.module.js';
import { RealtimeEmitter } from './realtime.emitter.js';

export interface GoalAchievedPayload {
  goal_id: string;
  goal_type: string;
  target_value: number;
  achieved_at: string;
}

/**
 * goal_achieved alerts. Live: every replica receives the user service's Redis message and emits
 * to the user's sockets it holds itself (so each socket gets it once), then marks the alert
 * delivered. Offline: alerts nobody received are claimed, once, when the user next connects.
 */
@Injectable()
export class GoalAlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GoalAlertsService.name);
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(USER_CLIENT) private readonly users: UserClient,
    private readonly emitter: RealtimeEmitter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A subscribed connection can do nothing else: it gets its own client, which queues the
    // SUBSCRIBE until connected and re-subscribes by itself after every reconnect.
    this.subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', (err: Error) =>
      this.logger.warn(`alert subscriber: ${err.message}`),
    );
    this.subscriber.on('message', (_channel: string, raw: string) => void this.onLiveAlert(raw));
    try {
      await this.subscriber.subscribe(GOAL_ACHIEVED_CHANNEL);
    } catch (err) {
      // ioredis re-subscribes when Redis comes back; pending alerts are claimed at connection.
      this.logger.warn(
        `could not subscribe to goal alerts yet: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Sends the user's undelivered alerts to one (re)connecting socket. */
  async deliverPending(
    userId: string,
    emit: (payload: GoalAchievedPayload) => void,
  ): Promise<void> {
    const res = await this.users.call('ClaimGoalAlerts', { user_id: userId, goal_ids: [] });
    for (const goal of res.items) {
      emit(toPayload(goal));
    }
  }

  private async onLiveAlert(raw: string): Promise<void> {
    let event: GoalAchievedEvent;
    try {
      event = JSON.parse(raw) as GoalAchievedEvent;
    } catch {
      this.logger.warn('ignoring an unreadable goal alert');
      return;
    }
    if (this.emitter.localSockets(event.user_id) === 0) {
      return;
    }
    this.emitter.toLocalUser(event.user_id, 'goal_achieved', toPayload(event));
    try {
      await this.users.call('ClaimGoalAlerts', {
        user_id: event.user_id,
        goal_ids: [event.goal_id],
      });
    } catch (err) {
      this.logger.warn(
        `alert ${event.goal_id} shown but not marked delivered: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

function toPayload(g: {
  goal_id: string;
  goal_type: string;
  target_value: number;
  achieved_at?: string;
}): GoalAchievedPayload {
  return {
    goal_id: g.goal_id,
    goal_type: g.goal_type,
    target_value: g.target_value,
    achieved_at: g.achieved_at ?? new Date().toISOString(),
  };
}
