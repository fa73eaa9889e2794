import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import type { GoalAchieved } from '@fitness/client';
import {
  GOAL_ACHIEVED_CHANNEL,
  InjectUpstream,
  REDIS,
  USER_UPSTREAM,
  errorMessage,
  type GoalAchievedEvent,
  type UserUpstream,
} from '@fitness/common';
import { ConnectionRegistry, type ConnectionListener } from '../socket/connection-registry.js';
import { SocketEmitter } from '../socket/socket.emitter.js';
import type { SocketUser } from '../socket/socket-user.js';

/**
 * goal_achieved alerts. Live: every replica receives the user service's Redis message and emits
 * to the user's sockets it holds itself (so each socket gets it once), then marks the alert
 * delivered. Offline: alerts nobody received are claimed, once, when the user next connects.
 */
@Injectable()
export class GoalAlertsService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown, ConnectionListener
{
  private readonly logger = new Logger(GoalAlertsService.name);
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
    private readonly emitter: SocketEmitter,
    private readonly connections: ConnectionRegistry,
  ) {}

  onModuleInit(): void {
    this.connections.subscribe(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    // A subscribed connection can do nothing else: it gets its own client, which queues the
    // SUBSCRIBE until connected and re-subscribes by itself after every reconnect.
    this.subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      // Subscribing waits for Redis as long as it takes (it resubscribes after every reconnect).
      commandTimeout: undefined,
    });
    this.subscriber.on('error', (err: Error) =>
      this.logger.warn(`alert subscriber: ${err.message}`),
    );
    this.subscriber.on('message', (_channel: string, raw: string) => void this.onLiveAlert(raw));
    try {
      await this.subscriber.subscribe(GOAL_ACHIEVED_CHANNEL);
    } catch (err) {
      // ioredis re-subscribes when Redis comes back; pending alerts are claimed at connection.
      this.logger.warn(`could not subscribe to goal alerts yet: ${errorMessage(err)}`);
    }
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Sends the user's undelivered alerts to one (re)connecting socket. */
  async onConnected(socket: Socket, user: SocketUser): Promise<void> {
    const res = await this.users.call('ClaimGoalAlerts', { user_id: user.userId, goal_ids: [] });
    for (const goal of res.items) {
      socket.emit('goal_achieved', toPayload(goal));
    }
  }

  private async onLiveAlert(raw: string): Promise<void> {
    const event = parseAlert(raw);
    if (!event) {
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
        period_start: event.period_start,
      });
    } catch (err) {
      this.logger.warn(
        `alert ${event.goal_id} shown but not marked delivered: ${errorMessage(err)}`,
      );
    }
  }
}

function parseAlert(raw: string): GoalAchievedEvent | undefined {
  try {
    const event = JSON.parse(raw) as Partial<GoalAchievedEvent> | null;
    return typeof event?.user_id === 'string' && typeof event.goal_id === 'string'
      ? (event as GoalAchievedEvent)
      : undefined;
  } catch {
    return undefined;
  }
}

function toPayload(g: {
  goal_id: string;
  goal_type: string;
  target_value: number;
  achieved_at?: string;
  period_start?: string;
}): GoalAchieved {
  const achievedAt = g.achieved_at ?? new Date().toISOString();
  return {
    goal_id: g.goal_id,
    goal_type: g.goal_type,
    target_value: g.target_value,
    achieved_at: achievedAt,
    // An alert published by a user service of the previous release carries no period.
    period_start: g.period_start ?? achievedAt,
  };
}
