import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import type { DomainError, UserUpstream } from '@fitness/common';
import type { CoordinationService } from '../coordination/coordination.service.js';
import { caloriesBurned } from './calories.js';
import type { WorkoutCompletionService } from './workout-completion.service.js';
import type { WorkoutRepository } from './workout.repository.js';
import type { Workout } from './workout.schema.js';
import { WorkoutService, decodeCursor, encodeCursor } from './workout.service.js';
import { codeOf } from '../../../../test/support/unit.js';

const W1 = '0b5c1e7e-1f2a-4c3d-8e9f-a0b1c2d3e4f5';
const U1 = '5b8f5f3e-3a43-4b8e-9d1e-6f2f8a2b9c10';
const U2 = '6c9a6a4f-4b54-4c9f-8e2f-7a3a9b3c0d21';
const START = new Date('2026-11-25T10:00:00.000Z');
const NOW = new Date('2026-11-25T11:00:00.000Z');

function activeWorkout(overrides: Partial<Workout> = {}): Workout {
  return {
    _id: W1,
    user_id: U1,
    workout_type: 'running',
    start_time: START,
    status: 'active',
    stats_applied: false,
    progress_recorded: false,
    leaderboard_synced: false,
    ...overrides,
  };
}

describe(WorkoutService.name, () => {
  let sut: WorkoutService;
  let repo: {
    findById: jest.Mock;
    markEnded: jest.Mock;
    insert: jest.Mock<(w: Workout) => Promise<Workout>>;
    listByUser: jest.Mock;
  };
  let completion: { complete: jest.Mock };
  let coordination: { claimFor: jest.Mock; release: jest.Mock };
  let users: { call: jest.Mock };

  beforeEach(() => {
    repo = {
      findById: jest.fn(() => Promise.resolve(activeWorkout())),
      markEnded: jest.fn(() => Promise.resolve()),
      insert: jest.fn((w: Workout) => Promise.resolve(w)),
      listByUser: jest.fn(() => Promise.resolve([])),
    };
    completion = { complete: jest.fn(() => Promise.resolve()) };
    coordination = {
      claimFor: jest.fn(() => Promise.resolve(true)),
      release: jest.fn(() => Promise.resolve()),
    };
    users = { call: jest.fn(() => Promise.resolve({ weight_kg: 80 })) };
    sut = new WorkoutService(
      repo as unknown as WorkoutRepository,
      completion as unknown as WorkoutCompletionService,
      coordination as unknown as CoordinationService,
      users as unknown as UserUpstream,
    );
  });

  it('should compute duration and calories from the profile weight and complete the workout', async () => {
    const res = await sut.end(
      { session_id: W1, user_id: U1, end_time: '2026-11-25T10:30:00Z' },
      NOW,
    );
    expect(res).toMatchObject({ duration: 1800, calories_burned: 392, status: 'ended' });
    expect(repo.markEnded).toHaveBeenCalledWith(W1, {
      end_time: new Date('2026-11-25T10:30:00Z'),
      duration: 1800,
      calories_burned: 392,
    });
    expect(completion.complete).toHaveBeenCalledTimes(1);
  });

  it('should give the end back when it cannot be stored, so the workout can be ended again', async () => {
    repo.markEnded.mockImplementationOnce(() => Promise.reject(new Error('connection reset')));
    const req = { session_id: W1, user_id: U1, end_time: '2026-11-25T10:30:00Z' };
    await expect(sut.end(req, NOW)).rejects.toThrow('connection reset');
    expect(coordination.release).toHaveBeenCalledWith(`end:${W1}`);
    expect(completion.complete).not.toHaveBeenCalled();
    await expect(sut.end(req, NOW)).resolves.toMatchObject({ status: 'ended' });
    expect(completion.complete).toHaveBeenCalledTimes(1);
  });

  it('should claim the end only once the profile is read: a user service outage changes nothing', async () => {
    users.call.mockImplementationOnce(() => Promise.reject(new Error('unavailable')));
    await expect(
      sut.end({ session_id: W1, user_id: U1, end_time: '2026-11-25T10:30:00Z' }, NOW),
    ).rejects.toThrow('unavailable');
    expect(coordination.claimFor).not.toHaveBeenCalled();
    expect(repo.markEnded).not.toHaveBeenCalled();
  });

  it('should refuse ids that are not UUIDs before touching anything', async () => {
    for (const [req, field] of [
      [{ session_id: 'w\u0000', user_id: U1, end_time: NOW.toISOString() }, 'session_id'],
      [{ session_id: W1, user_id: 'someone', end_time: NOW.toISOString() }, 'user_id'],
    ] as const) {
      const err = (await sut.end(req, NOW).catch((e: unknown) => e)) as DomainError;
      expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, field]);
    }
    expect(repo.findById).not.toHaveBeenCalled();
  });

  it('should use 70 kg when the profile has no weight', async () => {
    users.call.mockImplementation(() => Promise.resolve({}));
    const res = await sut.end(
      { session_id: W1, user_id: U1, end_time: '2026-11-25T11:00:00Z' },
      NOW,
    );
    expect(res.calories_burned).toBe(caloriesBurned('running', 70, 3600));
    expect(res.calories_burned).toBe(686);
  });

  it.each([
    ['an end before the start', '2026-11-25T09:59:59Z', status.INVALID_ARGUMENT],
    ['a malformed end_time', '25/11/2026', status.INVALID_ARGUMENT],
    ['an end far in the future', '2026-11-25T12:00:00Z', status.INVALID_ARGUMENT],
  ])('should refuse %s and change nothing', async (_case, endTime, code) => {
    expect(await codeOf(sut.end({ session_id: W1, user_id: U1, end_time: endTime }, NOW))).toBe(
      code,
    );
    expect(repo.markEnded).not.toHaveBeenCalled();
  });

  it('should refuse a workout longer than 24 hours', async () => {
    repo.findById.mockImplementation(() =>
      Promise.resolve(activeWorkout({ start_time: new Date('2026-11-23T10:00:00Z') })),
    );
    expect(
      await codeOf(sut.end({ session_id: W1, user_id: U1, end_time: NOW.toISOString() }, NOW)),
    ).toBe(status.INVALID_ARGUMENT);
  });

  it('should refuse an unknown session, another user and a second end', async () => {
    repo.findById.mockImplementationOnce(() => Promise.resolve(null));
    const req = { session_id: W1, user_id: U1, end_time: NOW.toISOString() };
    expect(await codeOf(sut.end(req, NOW))).toBe(status.NOT_FOUND);
    expect(await codeOf(sut.end({ ...req, user_id: U2 }, NOW))).toBe(status.PERMISSION_DENIED);
    repo.findById.mockImplementationOnce(() => Promise.resolve(activeWorkout({ status: 'ended' })));
    expect(await codeOf(sut.end(req, NOW))).toBe(status.FAILED_PRECONDITION);
    // Lost the compare-and-set to a concurrent end: no double completion.
    coordination.claimFor.mockImplementationOnce(() => Promise.resolve(false));
    expect(await codeOf(sut.end(req, NOW))).toBe(status.FAILED_PRECONDITION);
    expect(completion.complete).not.toHaveBeenCalled();
  });

  it('should refuse a bad workout_type and lower-case a good one', async () => {
    expect(await codeOf(sut.start({ user_id: U1, workout_type: 'run ning' }))).toBe(
      status.INVALID_ARGUMENT,
    );
    const res = await sut.start({ user_id: U1, workout_type: 'HIIT' }, START);
    expect(res).toMatchObject({
      workout_type: 'hiit',
      start_time: START.toISOString(),
      status: 'active',
    });
  });

  it('should page with a cursor and refuse a forged one', async () => {
    const rows = [activeWorkout({ _id: 'b' }), activeWorkout({ _id: 'a' })];
    repo.listByUser.mockImplementation(() => Promise.resolve(rows));
    const page = await sut.list({ user_id: U1, limit: 1, cursor: '' });
    expect((page.items ?? []).map((w) => w.session_id)).toEqual(['b']);
    expect(decodeCursor(page.next_cursor as string)).toEqual({ start_time: START, id: 'b' });
    expect(repo.listByUser).toHaveBeenCalledWith(U1, 2, undefined);
    expect(encodeCursor(rows[0])).toBe(page.next_cursor);
    expect(await codeOf(sut.list({ user_id: U1, limit: 1, cursor: 'e30' }))).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(await codeOf(sut.list({ user_id: U1, limit: 101, cursor: '' }))).toBe(
      status.INVALID_ARGUMENT,
    );
  });
});
