import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import type { ConfigService } from '@nestjs/config';
import type { Socket } from 'socket.io';
import { ResourceExhaustedError } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';
import type { ConnectionRegistry } from '../socket/connection-registry.js';
import { sessionRoom, type SocketEmitter } from '../socket/socket.emitter.js';
import type { SocketUser } from '../socket/socket-user.js';
import type { FinishedSession, SessionMeta, SessionSnapshot } from './group-session.model.js';
import { GroupSessionService } from './group-session.service.js';
import type { SessionOutboxService } from '../session-outbox/session-outbox.service.js';
import type { SessionStore } from './store/session.store.js';
import type { UserLimits } from './user-limits.js';
import { codeOf } from '../../../../test/support/unit.js';

const GRACE_MS = 10_000;
const NOW = new Date('2026-11-26T10:00:00.000Z');
const alice: SocketUser = { userId: 'u-1', username: 'alice' };
const bob: SocketUser = { userId: 'u-2', username: 'bob' };

function meta(overrides: Partial<SessionMeta> = {}): SessionMeta {
  return {
    session_id: 's-1',
    name: 'Morning run',
    workout_type: 'running',
    creator_id: alice.userId,
    started_at: '2026-11-26T09:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

function snapshotOf(m: SessionMeta): SessionSnapshot {
  return {
    ...m,
    members: [{ user_id: m.creator_id, username: 'alice' }],
    participants: [],
    recent_messages: [],
    exercise: [],
  };
}

/** Lets the promise chain started by a fired timer run to its end (every stub resolves at once). */
async function settle(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await Promise.resolve();
  }
}

describe(GroupSessionService.name, () => {
  let sut: GroupSessionService;
  /** What happened, in order: room entries, stored writes, broadcasts, room closes. */
  let events: string[];
  let sessions: Map<string, SessionMeta>;
  let store: ReturnType<typeof stubStore>;
  let emitter: ReturnType<typeof stubEmitter>;
  let outbox: { kick: jest.Mock<SessionOutboxService['kick']> };
  let limits: { take: jest.Mock<UserLimits['take']> };
  let connections: {
    subscribe: jest.Mock<ConnectionRegistry['subscribe']>;
    userConnections: jest.Mock<ConnectionRegistry['userConnections']>;
  };
  let enterRoom: jest.Mock<(sessionId: string) => void>;

  function stubStore() {
    return {
      create: jest.fn<SessionStore['create']>((m) => {
        sessions.set(m.session_id, m);
        return Promise.resolve();
      }),
      meta: jest.fn<SessionStore['meta']>((id) => Promise.resolve(sessions.get(id))),
      isMember: jest.fn<SessionStore['isMember']>().mockResolvedValue(true),
      join: jest.fn<SessionStore['join']>().mockResolvedValue(true),
      leave: jest.fn<SessionStore['leave']>().mockResolvedValue(true),
      addMessage: jest.fn<SessionStore['addMessage']>((id) => {
        events.push(`store message ${id}`);
        return Promise.resolve(true);
      }),
      addExercise: jest.fn<SessionStore['addExercise']>((id) => {
        events.push(`store exercise ${id}`);
        return Promise.resolve({});
      }),
      snapshot: jest.fn<SessionStore['snapshot']>((id) => {
        const m = sessions.get(id);
        return Promise.resolve(m && snapshotOf(m));
      }),
      end: jest.fn<SessionStore['end']>().mockResolvedValue(undefined),
      sessionsOf: jest.fn<SessionStore['sessionsOf']>(() =>
        Promise.resolve([...sessions.values()]),
      ),
    };
  }

  function stubEmitter() {
    return {
      groupUpdate: jest.fn<SocketEmitter['groupUpdate']>((id, type) => {
        events.push(`update ${id} ${type}`);
      }),
      userJoinsRoom: jest.fn<SocketEmitter['userJoinsRoom']>(),
      userLeavesRoom: jest.fn<SocketEmitter['userLeavesRoom']>(),
      closeSessionRoom: jest.fn<SocketEmitter['closeSessionRoom']>((id) => {
        events.push(`close ${id}`);
      }),
    };
  }

  beforeEach(() => {
    events = [];
    sessions = new Map([['s-1', meta()]]);
    store = stubStore();
    emitter = stubEmitter();
    outbox = { kick: jest.fn<SessionOutboxService['kick']>() };
    limits = { take: jest.fn<UserLimits['take']>().mockResolvedValue(undefined) };
    connections = {
      subscribe: jest.fn<ConnectionRegistry['subscribe']>(),
      userConnections: jest.fn<ConnectionRegistry['userConnections']>().mockResolvedValue(0),
    };
    enterRoom = jest.fn((id: string) => void events.push(`enter ${id}`));
    const config = {
      get: (key: string) => (key === 'GROUP_SESSION_GRACE_MS' ? GRACE_MS : undefined),
    } as unknown as ConfigService<GatewayEnv, true>;
    sut = new GroupSessionService(
      store as unknown as SessionStore,
      emitter as unknown as SocketEmitter,
      outbox as unknown as SessionOutboxService,
      limits as unknown as UserLimits,
      connections as unknown as ConnectionRegistry,
      config,
    );
  });

  describe('create', () => {
    it('should make the creator the first member, enter the room before announcing it and return the snapshot', async () => {
      const snapshot = await sut.create(
        alice,
        { workout_type: 'Running', name: 'Evening run' },
        enterRoom,
        NOW,
      );

      expect(store.create).toHaveBeenCalledTimes(1);
      const [created] = store.create.mock.calls[0];
      expect(created).toEqual({
        session_id: expect.any(String),
        name: 'Evening run',
        workout_type: 'running',
        creator_id: alice.userId,
        started_at: NOW.toISOString(),
        status: 'active',
      });
      const id = created.session_id;
      expect(store.join).toHaveBeenCalledWith(id, { user_id: 'u-1', username: 'alice' }, NOW);
      expect(emitter.userJoinsRoom).toHaveBeenCalledWith('u-1', id);
      expect(emitter.groupUpdate).toHaveBeenCalledWith(id, 'joined', {
        user_id: 'u-1',
        username: 'alice',
        joined_at: NOW.toISOString(),
      });
      expect(events).toEqual([`enter ${id}`, `update ${id} joined`]);
      expect(snapshot).toEqual(snapshotOf(created));
    });

    it('should refuse a user over their creation limit and create nothing', async () => {
      limits.take.mockRejectedValue(new ResourceExhaustedError('too many group sessions', 30));

      await expect(
        sut.create(alice, { workout_type: 'running' }, enterRoom, NOW),
      ).rejects.toMatchObject({ code: status.RESOURCE_EXHAUSTED, retryAfterS: 30 });
      expect(limits.take).toHaveBeenCalledWith('create', 'u-1');
      expect(store.create).not.toHaveBeenCalled();
      expect(store.join).not.toHaveBeenCalled();
      expect(enterRoom).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });
  });

  describe('join', () => {
    it.each([
      [
        'acting as someone else',
        bob,
        { user_id: 'u-1', session_id: 's-1' },
        status.PERMISSION_DENIED,
      ],
      ['an unknown session', bob, { user_id: 'u-2', session_id: 's-404' }, status.NOT_FOUND],
      ['an ended session', bob, { user_id: 'u-2', session_id: 's-2' }, status.FAILED_PRECONDITION],
    ])('should refuse %s and change nothing', async (_case, caller, dto, code) => {
      sessions.set('s-2', meta({ session_id: 's-2', status: 'ended' }));

      expect(await codeOf(sut.join(caller, dto, enterRoom, NOW))).toBe(code);
      expect(store.join).not.toHaveBeenCalled();
      expect(enterRoom).not.toHaveBeenCalled();
      expect(emitter.userJoinsRoom).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should announce a member once, not again when they join a second time', async () => {
      store.join.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
      const dto = { user_id: 'u-2', session_id: 's-1' };

      await sut.join(bob, dto, enterRoom, NOW);
      const again = await sut.join(bob, dto, enterRoom, NOW);

      expect(emitter.groupUpdate.mock.calls).toEqual([
        ['s-1', 'joined', { user_id: 'u-2', username: 'bob', joined_at: NOW.toISOString() }],
      ]);
      // The second socket still enters the room and gets the state.
      expect(enterRoom).toHaveBeenCalledTimes(2);
      expect(again).toEqual(snapshotOf(meta()));
    });
  });

  describe('sendMessage', () => {
    const dto = { user_id: 'u-2', session_id: 's-1', message: 'keep going!' };

    it('should refuse a non-member without taking their allowance or storing anything', async () => {
      store.isMember.mockResolvedValue(false);

      expect(await codeOf(sut.sendMessage(bob, dto, NOW))).toBe(status.PERMISSION_DENIED);
      expect(limits.take).not.toHaveBeenCalled();
      expect(store.addMessage).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should refuse acting as someone else', async () => {
      expect(await codeOf(sut.sendMessage(alice, dto, NOW))).toBe(status.PERMISSION_DENIED);
      expect(store.addMessage).not.toHaveBeenCalled();
    });

    it('should pass on a rate limit refusal with nothing stored or broadcast', async () => {
      limits.take.mockRejectedValue(new ResourceExhaustedError('too many messages', 3));

      await expect(sut.sendMessage(bob, dto, NOW)).rejects.toMatchObject({
        code: status.RESOURCE_EXHAUSTED,
        retryAfterS: 3,
      });
      expect(limits.take).toHaveBeenCalledWith('message', 'u-2');
      expect(store.addMessage).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should store the message, then broadcast it, and acknowledge with its time', async () => {
      const ack = await sut.sendMessage(bob, dto, NOW);

      const message = {
        user_id: 'u-2',
        username: 'bob',
        message: 'keep going!',
        sent_at: NOW.toISOString(),
      };
      expect(ack).toEqual({ sent_at: NOW.toISOString() });
      expect(store.addMessage).toHaveBeenCalledWith('s-1', message);
      expect(emitter.groupUpdate).toHaveBeenCalledWith('s-1', 'message', message);
      expect(events).toEqual(['store message s-1', 'update s-1 message']);
    });

    it('should refuse a message the store turns away because the session ended meanwhile', async () => {
      store.addMessage.mockResolvedValue(false);

      expect(await codeOf(sut.sendMessage(bob, dto, NOW))).toBe(status.FAILED_PRECONDITION);
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });
  });

  describe('exerciseUpdate', () => {
    const dto = { session_id: 's-1', exercise: 'squats', value: 20, unit: 'reps' };

    it('should store the update and broadcast it with the username', async () => {
      await sut.exerciseUpdate(bob, dto, NOW);

      const entry = {
        user_id: 'u-2',
        exercise: 'squats',
        value: 20,
        unit: 'reps',
        at: NOW.toISOString(),
      };
      expect(store.addExercise).toHaveBeenCalledWith('s-1', entry);
      expect(emitter.groupUpdate).toHaveBeenCalledWith('s-1', 'exercise', {
        ...entry,
        username: 'bob',
      });
      expect(limits.take).toHaveBeenCalledWith('exercise', 'u-2');
      expect(events).toEqual(['store exercise s-1', 'update s-1 exercise']);
    });

    it('should pass on a rate limit refusal with nothing stored or broadcast', async () => {
      limits.take.mockRejectedValue(new ResourceExhaustedError('too many exercise updates', 2));

      await expect(sut.exerciseUpdate(bob, dto, NOW)).rejects.toMatchObject({
        code: status.RESOURCE_EXHAUSTED,
        retryAfterS: 2,
      });
      expect(store.addExercise).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should refuse an update the store turns away because the session ended meanwhile', async () => {
      store.addExercise.mockResolvedValue(false);

      expect(await codeOf(sut.exerciseUpdate(bob, dto, NOW))).toBe(status.FAILED_PRECONDITION);
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should refuse a non-member', async () => {
      store.isMember.mockResolvedValue(false);

      expect(await codeOf(sut.exerciseUpdate(bob, dto, NOW))).toBe(status.PERMISSION_DENIED);
      expect(store.addExercise).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });
  });

  describe('end', () => {
    const record: FinishedSession = {
      session_id: 's-1',
      name: 'Morning run',
      workout_type: 'running',
      creator_id: 'u-1',
      started_at: '2026-11-26T09:00:00.000Z',
      ended_at: NOW.toISOString(),
      participants: [
        {
          user_id: 'u-1',
          username: 'alice',
          joined_at: '2026-11-26T09:00:00.000Z',
          duration: 3600.456,
        },
        {
          user_id: 'u-2',
          username: 'bob',
          joined_at: '2026-11-26T09:30:00.000Z',
          duration: 59.999,
        },
      ],
      messages: [],
      exercise_updates: [],
      messages_dropped: 0,
    };

    it.each([
      ['another member than the creator', bob, 's-1', status.PERMISSION_DENIED],
      ['an unknown session', alice, 's-404', status.NOT_FOUND],
    ])('should refuse %s and end nothing', async (_case, caller, id, code) => {
      expect(await codeOf(sut.end(caller, id, NOW))).toBe(code);
      expect(store.end).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
      expect(emitter.closeSessionRoom).not.toHaveBeenCalled();
      expect(outbox.kick).not.toHaveBeenCalled();
    });

    it('should refuse a session that has already ended', async () => {
      store.end.mockResolvedValue(undefined);

      expect(await codeOf(sut.end(alice, 's-1', NOW))).toBe(status.FAILED_PRECONDITION);
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
      expect(emitter.closeSessionRoom).not.toHaveBeenCalled();
      expect(outbox.kick).not.toHaveBeenCalled();
    });

    it('should broadcast the end with durations to 2 decimals, then close the room and kick the outbox', async () => {
      store.end.mockResolvedValue(record);

      const ack = await sut.end(alice, 's-1', NOW);

      expect(ack).toEqual({ ended_at: NOW.toISOString() });
      expect(store.end).toHaveBeenCalledWith('s-1', NOW);
      expect(emitter.groupUpdate).toHaveBeenCalledWith('s-1', 'ended', {
        ended_at: NOW.toISOString(),
        participants: [
          { user_id: 'u-1', username: 'alice', duration: 3600.46 },
          { user_id: 'u-2', username: 'bob', duration: 60 },
        ],
      });
      // Closed after the broadcast, or the members would never hear of the end.
      expect(events).toEqual(['update s-1 ended', 'close s-1']);
      expect(outbox.kick).toHaveBeenCalledTimes(1);
    });
  });

  describe('disconnects', () => {
    const leftAt = new Date(NOW.getTime() + GRACE_MS).toISOString();

    beforeEach(() => {
      jest.useFakeTimers({ now: NOW });
      sessions.set('s-2', meta({ session_id: 's-2', creator_id: 'u-2' }));
      sessions.set('s-3', meta({ session_id: 's-3', status: 'ended' }));
      sessions.set('s-4', meta({ session_id: 's-4', creator_id: 'u-2' }));
      // alice is a member of s-1, s-2 and the ended s-3, not of s-4.
      store.isMember.mockImplementation((id) => Promise.resolve(id !== 's-4'));
    });

    afterEach(() => {
      sut.onApplicationShutdown();
      jest.useRealTimers();
    });

    it('should make a user whose last socket is gone leave their live sessions after the grace', async () => {
      sut.onDisconnected(alice, 0);

      await jest.advanceTimersByTimeAsync(GRACE_MS - 1);
      await settle();
      expect(store.leave).not.toHaveBeenCalled();

      await jest.advanceTimersByTimeAsync(1);
      await settle();
      expect(connections.userConnections).toHaveBeenCalledWith('u-1');
      expect(store.leave.mock.calls.map(([id, userId]) => [id, userId])).toEqual([
        ['s-1', 'u-1'],
        ['s-2', 'u-1'],
      ]);
      const left = (id: string) => [
        id,
        'left',
        { user_id: 'u-1', username: 'alice', left_at: leftAt, reason: 'disconnected' },
      ];
      expect(emitter.groupUpdate.mock.calls).toEqual([left('s-1'), left('s-2')]);
    });

    it('should leave nothing when a socket of the user is open elsewhere at the end of the grace', async () => {
      connections.userConnections.mockResolvedValue(1);
      sut.onDisconnected(alice, 0);

      await jest.advanceTimersByTimeAsync(GRACE_MS);
      await settle();

      expect(connections.userConnections).toHaveBeenCalledWith('u-1');
      expect(store.leave).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should schedule nothing while the user still has sockets open', async () => {
      sut.onDisconnected(alice, 1);

      await jest.advanceTimersByTimeAsync(GRACE_MS * 10);
      await settle();

      expect(connections.userConnections).not.toHaveBeenCalled();
      expect(store.leave).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });

    it('should cancel the leave on a reconnect within the grace and put the socket back into its live rooms', async () => {
      sut.onDisconnected(alice, 0);
      await jest.advanceTimersByTimeAsync(GRACE_MS / 2);
      const socket = { join: jest.fn<(room: string) => Promise<void>>().mockResolvedValue() };

      await sut.onConnected(socket as unknown as Socket, alice);

      expect(socket.join.mock.calls).toEqual([[sessionRoom('s-1')], [sessionRoom('s-2')]]);
      // Even with the connection counter at 0, the cancelled leave never happens.
      await jest.advanceTimersByTimeAsync(GRACE_MS * 2);
      await settle();
      expect(store.leave).not.toHaveBeenCalled();
      expect(emitter.groupUpdate).not.toHaveBeenCalled();
    });
  });
});
