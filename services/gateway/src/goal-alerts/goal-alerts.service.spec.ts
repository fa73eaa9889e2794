import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Metadata, status } from '@grpc/grpc-js';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import type { GoalAchievedEvent, UserUpstream } from '@fitness/common';
import type { ConnectionRegistry } from '../socket/connection-registry.js';
import type { SocketEmitter } from '../socket/socket.emitter.js';
import { GoalAlertsService } from './goal-alerts.service.js';

interface ClaimedGoal {
  goal_id: string;
  user_id: string;
  goal_type: string;
  target_value: number;
  target_date: string;
  current_progress: number;
  achieved_at?: string;
  created_at: string;
  period_start: string;
}

type ClaimGoalAlerts = (
  method: 'ClaimGoalAlerts',
  request: { user_id: string; goal_ids: string[]; period_start?: string },
) => Promise<{ items: ClaimedGoal[] }>;

function claimed(goalId: string, overrides: Partial<ClaimedGoal> = {}): ClaimedGoal {
  return {
    goal_id: goalId,
    user_id: 'u-1',
    goal_type: 'distance',
    target_value: 42.2,
    target_date: '2026-12-31',
    current_progress: 42.5,
    achieved_at: '2026-11-26T09:00:00.000Z',
    created_at: '2026-11-01T09:00:00.000Z',
    period_start: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

const liveEvent: GoalAchievedEvent = {
  user_id: 'u-1',
  goal_id: 'g-7',
  goal_type: 'workouts',
  target_value: 10,
  achieved_at: '2026-11-26T10:00:00.000Z',
  period_start: '2026-11-23T00:00:00.000Z',
};

describe(GoalAlertsService.name, () => {
  let sut: GoalAlertsService;
  /** Emits and claims, in order. */
  let events: string[];
  let users: { call: jest.Mock<ClaimGoalAlerts> };
  let emitter: {
    localSockets: jest.Mock<SocketEmitter['localSockets']>;
    toLocalUser: jest.Mock<SocketEmitter['toLocalUser']>;
  };

  const onLiveAlert = (raw: string): Promise<void> =>
    (sut as unknown as { onLiveAlert(raw: string): Promise<void> }).onLiveAlert(raw);

  beforeEach(() => {
    events = [];
    users = {
      call: jest.fn<ClaimGoalAlerts>((_method, req) => {
        events.push(`claim ${req.goal_ids.join(',')}`);
        return Promise.resolve({ items: [] });
      }),
    };
    emitter = {
      localSockets: jest.fn<SocketEmitter['localSockets']>().mockReturnValue(1),
      toLocalUser: jest.fn<SocketEmitter['toLocalUser']>((userId, event, ..._payload) => {
        events.push(`emit ${userId} ${event}`);
      }),
    };
    const connections = { subscribe: jest.fn() };
    sut = new GoalAlertsService(
      {} as Redis,
      users as unknown as UserUpstream,
      emitter as unknown as SocketEmitter,
      connections as unknown as ConnectionRegistry,
    );
  });

  it("should send a connecting socket the user's pending alerts", async () => {
    users.call.mockResolvedValue({
      items: [claimed('g-1'), claimed('g-2', { goal_type: 'calories', target_value: 5000 })],
    });
    const socket = { emit: jest.fn<(event: string, payload: unknown) => boolean>() };

    await sut.onConnected(socket as unknown as Socket, { userId: 'u-1', username: 'alice' });

    expect(users.call).toHaveBeenCalledTimes(1);
    expect(users.call).toHaveBeenCalledWith('ClaimGoalAlerts', { user_id: 'u-1', goal_ids: [] });
    expect(socket.emit.mock.calls).toEqual([
      [
        'goal_achieved',
        {
          goal_id: 'g-1',
          goal_type: 'distance',
          target_value: 42.2,
          achieved_at: '2026-11-26T09:00:00.000Z',
          period_start: '2026-11-01T09:00:00.000Z',
        },
      ],
      [
        'goal_achieved',
        {
          goal_id: 'g-2',
          goal_type: 'calories',
          target_value: 5000,
          achieved_at: '2026-11-26T09:00:00.000Z',
          period_start: '2026-11-01T09:00:00.000Z',
        },
      ],
    ]);
  });

  it('should emit nothing to a connecting socket when no alert is pending', async () => {
    const socket = { emit: jest.fn<(event: string, payload: unknown) => boolean>() };

    await sut.onConnected(socket as unknown as Socket, { userId: 'u-1', username: 'alice' });

    expect(socket.emit).not.toHaveBeenCalled();
  });

  it("should emit a live alert to this replica's sockets of the user, then claim it", async () => {
    await onLiveAlert(JSON.stringify(liveEvent));

    expect(emitter.localSockets).toHaveBeenCalledWith('u-1');
    expect(emitter.toLocalUser).toHaveBeenCalledWith('u-1', 'goal_achieved', {
      goal_id: 'g-7',
      goal_type: 'workouts',
      target_value: 10,
      achieved_at: '2026-11-26T10:00:00.000Z',
      period_start: '2026-11-23T00:00:00.000Z',
    });
    expect(users.call).toHaveBeenCalledWith('ClaimGoalAlerts', {
      user_id: 'u-1',
      goal_ids: ['g-7'],
      period_start: '2026-11-23T00:00:00.000Z',
    });
    expect(events).toEqual(['emit u-1 goal_achieved', 'claim g-7']);
  });

  it('should neither emit nor claim a live alert when this replica holds no socket of the user', async () => {
    emitter.localSockets.mockReturnValue(0);

    await onLiveAlert(JSON.stringify(liveEvent));

    expect(emitter.toLocalUser).not.toHaveBeenCalled();
    expect(users.call).not.toHaveBeenCalled();
  });

  it('should ignore an unreadable live message', async () => {
    await expect(onLiveAlert('{"user_id": "u-1", "goal_')).resolves.toBeUndefined();

    expect(emitter.toLocalUser).not.toHaveBeenCalled();
    expect(users.call).not.toHaveBeenCalled();
  });

  it('should not throw when the claim after a live emit fails', async () => {
    users.call.mockRejectedValue(
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
        code: status.UNAVAILABLE,
        details: 'No connection established',
        metadata: new Metadata(),
      }),
    );

    await expect(onLiveAlert(JSON.stringify(liveEvent))).resolves.toBeUndefined();

    expect(emitter.toLocalUser).toHaveBeenCalledTimes(1);
    expect(users.call).toHaveBeenCalledTimes(1);
  });
});
