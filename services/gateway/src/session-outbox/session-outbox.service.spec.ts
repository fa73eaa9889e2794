import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Metadata, status } from '@grpc/grpc-js';
import type { ActivityUpstream } from '@fitness/common';
import type { FinishedSession } from '../group-session/group-session.model.js';
import { SessionOutboxService } from './session-outbox.service.js';
import type { OutboxItem, OutboxStore } from './outbox.store.js';

const NOW = Date.parse('2026-11-26T10:00:00.000Z');

function finished(id: string): FinishedSession {
  return {
    session_id: id,
    name: 'Morning run',
    workout_type: 'running',
    creator_id: 'u-1',
    started_at: '2026-11-26T09:00:00.000Z',
    ended_at: '2026-11-26T10:00:00.000Z',
    participants: [
      { user_id: 'u-1', username: 'alice', joined_at: '2026-11-26T09:00:00.000Z', duration: 3600 },
    ],
    messages: [],
    exercise_updates: [],
    messages_dropped: 0,
  };
}

function grpcError(code: status, details: string): Error {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), {
    code,
    details,
    metadata: new Metadata(),
  });
}

type SaveGroupSession = (
  method: 'SaveGroupSession',
  request: FinishedSession,
) => Promise<{ created: boolean }>;

interface Queued {
  record: string;
  attempts: number;
  dueAt: number;
}

describe(SessionOutboxService.name, () => {
  let sut: SessionOutboxService;
  /** The Redis outbox (by session id, in due order) and its dead letters. */
  let queue: Map<string, Queued>;
  let dead: { sessionId: string; reason: string; record: string }[];
  /** Deliveries and what became of them, in order. */
  let events: string[];
  let outbox: {
    due: jest.Mock<OutboxStore['due']>;
    lease: jest.Mock<OutboxStore['lease']>;
    delivered: jest.Mock<OutboxStore['delivered']>;
    retryAt: jest.Mock<OutboxStore['retryAt']>;
    deadLetter: jest.Mock<OutboxStore['deadLetter']>;
    depth: jest.Mock<OutboxStore['depth']>;
    deadLetters: jest.Mock<OutboxStore['deadLetters']>;
  };
  let activity: { call: jest.Mock<SaveGroupSession> };

  /** A failed SaveGroupSession call, recorded like a successful one. */
  function refuse(code: status, details: string): SaveGroupSession {
    return (_method, session) => {
      events.push(`save ${session.session_id}`);
      return Promise.reject(grpcError(code, details));
    };
  }

  function enqueue(id: string, record = JSON.stringify(finished(id))): void {
    queue.set(id, { record, attempts: 0, dueAt: NOW - 1 });
  }

  beforeEach(() => {
    queue = new Map();
    dead = [];
    events = [];
    outbox = {
      due: jest.fn<OutboxStore['due']>((now, count) =>
        Promise.resolve(
          [...queue.entries()]
            .filter(([, q]) => q.dueAt <= now)
            .slice(0, count)
            .map(([id]) => id),
        ),
      ),
      lease: jest.fn<OutboxStore['lease']>((id, now, leaseMs) => {
        const q = queue.get(id);
        if (!q) {
          return Promise.resolve(undefined);
        }
        q.dueAt = now + leaseMs;
        return Promise.resolve({
          sessionId: id,
          record: q.record,
          attempts: q.attempts,
          traceparent: '',
        });
      }),
      delivered: jest.fn<OutboxStore['delivered']>((id) => {
        events.push(`delivered ${id}`);
        queue.delete(id);
        return Promise.resolve();
      }),
      retryAt: jest.fn<OutboxStore['retryAt']>((id, dueAt) => {
        events.push(`retry ${id}`);
        const q = queue.get(id);
        if (q) {
          q.attempts += 1;
          q.dueAt = dueAt;
        }
        return Promise.resolve();
      }),
      deadLetter: jest.fn<OutboxStore['deadLetter']>((item: OutboxItem, reason: string) => {
        events.push(`dead ${item.sessionId}`);
        queue.delete(item.sessionId);
        dead.push({ sessionId: item.sessionId, reason, record: item.record });
        return Promise.resolve();
      }),
      depth: jest.fn<OutboxStore['depth']>(() => Promise.resolve(queue.size)),
      deadLetters: jest.fn<OutboxStore['deadLetters']>(() => Promise.resolve(dead.length)),
    };
    activity = {
      call: jest.fn<SaveGroupSession>((_method, session) => {
        events.push(`save ${session.session_id}`);
        return Promise.resolve({ created: true });
      }),
    };
    sut = new SessionOutboxService(
      outbox as unknown as OutboxStore,
      activity as unknown as ActivityUpstream,
    );
  });

  it('should deliver the due items in order and remove each once the activity service has it', async () => {
    enqueue('s-1');
    enqueue('s-2');
    enqueue('s-3');
    // Already saved by another replica: delivered all the same.
    activity.call.mockImplementationOnce((_method, session) => {
      events.push(`save ${session.session_id}`);
      return Promise.resolve({ created: false });
    });

    await sut.round(NOW);

    expect(activity.call.mock.calls).toEqual([
      ['SaveGroupSession', finished('s-1')],
      ['SaveGroupSession', finished('s-2')],
      ['SaveGroupSession', finished('s-3')],
    ]);
    expect(events).toEqual([
      'save s-1',
      'delivered s-1',
      'save s-2',
      'delivered s-2',
      'save s-3',
      'delivered s-3',
    ]);
    expect(queue.size).toBe(0);
    expect(dead).toEqual([]);
  });

  it('should skip an item another replica has leased', async () => {
    enqueue('s-1');
    enqueue('s-2');
    outbox.lease.mockResolvedValueOnce(undefined);

    await sut.round(NOW);

    expect(activity.call.mock.calls).toEqual([['SaveGroupSession', finished('s-2')]]);
    expect([...queue.keys()]).toEqual(['s-1']);
  });

  it('should set aside an item refused as invalid, with the reason, and still deliver the next one', async () => {
    enqueue('s-1');
    enqueue('s-2');
    activity.call.mockImplementationOnce(
      refuse(status.INVALID_ARGUMENT, 'participants: duration is negative'),
    );

    await sut.round(NOW);

    expect(dead).toEqual([
      {
        sessionId: 's-1',
        reason: 'INVALID_ARGUMENT: participants: duration is negative',
        record: JSON.stringify(finished('s-1')),
      },
    ]);
    expect(events).toEqual(['save s-1', 'dead s-1', 'save s-2', 'delivered s-2']);
    expect(queue.size).toBe(0);
  });

  it('should set aside an unreadable item and still deliver the next one', async () => {
    enqueue('s-1', '{"session_id": "s-1", trunc');
    enqueue('s-2');

    await sut.round(NOW);

    expect(dead).toEqual([
      {
        sessionId: 's-1',
        reason: expect.stringMatching(/^UNREADABLE/),
        record: '{"session_id": "s-1", trunc',
      },
    ]);
    expect(activity.call.mock.calls).toEqual([['SaveGroupSession', finished('s-2')]]);
    expect(queue.size).toBe(0);
  });

  it('should keep an item the activity service could not take for a later attempt, without holding back the next', async () => {
    enqueue('s-1');
    enqueue('s-2');
    activity.call.mockImplementationOnce(refuse(status.UNAVAILABLE, 'No connection established'));

    await sut.round(NOW);

    // Neither delivered nor set aside: due again after a backoff (1 s, jittered down to half).
    expect(events).toEqual(['save s-1', 'retry s-1', 'save s-2', 'delivered s-2']);
    expect(dead).toEqual([]);
    expect(outbox.deadLetter).not.toHaveBeenCalled();
    const kept = queue.get('s-1');
    expect(kept).toMatchObject({ record: JSON.stringify(finished('s-1')), attempts: 1 });
    expect(kept?.dueAt).toBeGreaterThanOrEqual(NOW + 500);
    expect(kept?.dueAt).toBeLessThanOrEqual(NOW + 1000);

    // Not yet due: the next round leaves it alone.
    await sut.round(NOW + 100);
    expect(activity.call).toHaveBeenCalledTimes(2);
  });

  it('should never set aside a session the activity service saved when marking it delivered fails', async () => {
    enqueue('s-1');
    outbox.delivered.mockRejectedValueOnce(new Error('Command timed out'));

    // Whether the round fails or not, the record is not undeliverable: it was just saved.
    await sut.round(NOW).catch(() => undefined);

    expect(activity.call).toHaveBeenCalledTimes(1);
    expect(dead).toEqual([]);
  });

  it('should fail the round when the outbox cannot be read', async () => {
    enqueue('s-1');
    outbox.due.mockRejectedValue(new Error('Connection is closed.'));

    await expect(sut.round(NOW)).rejects.toThrow('Connection is closed.');
    expect(activity.call).not.toHaveBeenCalled();
    expect([...queue.keys()]).toEqual(['s-1']);
  });
});
