import { describe, expect, it, jest } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import type { DomainError } from '@fitness/common';
import type { UserService } from '../user/user.service.js';
import type { GoalAlertPublisher } from './goal-alert.publisher.js';
import type { GoalEntity } from './goal.entity.js';
import type { GoalRepository } from './goal.repository.js';
import { GoalService, parseTargetDate } from './goal.service.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const USER = '5b8f5f3e-3a43-4b8e-9d1e-6f2f8a2b9c10';

function field(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as DomainError).field;
  }
}

describe(GoalService.name, () => {
  const insert = jest.fn((g: GoalEntity) => Promise.resolve({ ...g, createdAt: NOW }));
  const recordWorkout = jest.fn<GoalRepository['recordWorkout']>();
  const publish = jest.fn<GoalAlertPublisher['publish']>(() => Promise.resolve());
  const sut = new GoalService(
    { insert, recordWorkout } as unknown as GoalRepository,
    { require: () => Promise.resolve({}) } as unknown as UserService,
    { publish } as unknown as GoalAlertPublisher,
  );

  it('should refuse a workout with numbers no workout has, and change nothing', async () => {
    const base = {
      user_id: USER,
      workout_id: '8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a11',
      ended_at: NOW.toISOString(),
      duration: 60,
      calories_burned: 5,
    };
    recordWorkout.mockClear();
    for (const [bad, name] of [
      [{ duration: Number.POSITIVE_INFINITY }, 'duration'],
      [{ duration: Number.NaN }, 'duration'],
      [{ duration: 90_000 }, 'duration'],
      [{ calories_burned: -1 }, 'calories_burned'],
      [{ calories_burned: 1e12 }, 'calories_burned'],
      [{ workout_id: 'w\u0000' }, 'workout_id'],
      [{ ended_at: '2026-02-30T10:00:00Z' }, 'ended_at'],
    ] as const) {
      const err = (await sut
        .recordWorkout({ ...base, ...bad })
        .catch((e: unknown) => e)) as DomainError;
      expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, name]);
    }
    expect(recordWorkout).not.toHaveBeenCalled();
  });

  it('should publish a live alert for each goal a workout completes, and none on a retry', async () => {
    const achieved = {
      id: '0f7a1c52-7a1c-4b8e-9a55-0b4f2b1b9a11',
      userId: USER,
      goalType: 'workouts',
      targetValue: 1,
      targetDate: new Date('2026-12-31T00:00:00Z'),
      currentProgress: 1,
      achievedAt: NOW,
      alertDeliveredAt: null,
      createdAt: NOW,
    } as GoalEntity;
    const req = {
      user_id: USER,
      workout_id: '8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a11',
      ended_at: NOW.toISOString(),
      duration: 60,
      calories_burned: 5,
    };
    recordWorkout.mockResolvedValueOnce({ applied: true, achieved: [achieved] });
    const first = await sut.recordWorkout(req);
    expect(first.achieved?.map((g) => g.goal_id)).toEqual([achieved.id]);
    expect(publish).toHaveBeenCalledWith([achieved]);
    publish.mockClear();
    recordWorkout.mockResolvedValueOnce({ applied: false, achieved: [] });
    expect(await sut.recordWorkout(req)).toEqual({ applied: false, achieved: [] });
    expect(publish).not.toHaveBeenCalled();
  });

  it('should take a date as the whole of that day in UTC', () => {
    expect(parseTargetDate('2026-12-31', NOW).toISOString()).toBe('2026-12-31T23:59:59.999Z');
    expect(parseTargetDate('2026-11-25', NOW).toISOString()).toBe('2026-11-25T23:59:59.999Z');
    expect(parseTargetDate('2027-01-01T08:00:00+02:00', NOW).toISOString()).toBe(
      '2027-01-01T06:00:00.000Z',
    );
  });

  it.each(['2026-02-30', '2026-13-01', 'tomorrow', '2026-11-24', '2040-01-01', '1764070000'])(
    'should refuse target_date %s',
    (value) => {
      expect(field(() => parseTargetDate(value, NOW))).toBe('target_date');
    },
  );

  it('should create a goal with zero progress', async () => {
    const goal = await sut.create(
      { user_id: USER, goal_type: 'calories', target_value: 2500.5, target_date: '2026-12-31' },
      NOW,
    );
    expect(goal).toMatchObject({
      user_id: USER,
      goal_type: 'calories',
      target_value: 2500.5,
      current_progress: 0,
      target_date: '2026-12-31T23:59:59.999Z',
    });
  });

  it.each([
    [{ goal_type: 'steps', target_value: 1 }, 'goal_type'],
    [{ goal_type: 'workouts', target_value: 1.5 }, 'target_value'],
    [{ goal_type: 'workouts', target_value: 0 }, 'target_value'],
    [{ goal_type: 'workouts', target_value: 20_000 }, 'target_value'],
    [{ goal_type: 'calories', target_value: Number.NaN }, 'target_value'],
  ])('should refuse %j naming %s', async (body, expected) => {
    insert.mockClear();
    const err = (await sut
      .create({ user_id: USER, target_date: '2026-12-31', ...body }, NOW)
      .catch((e: unknown) => e)) as DomainError;
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.field).toBe(expected);
    expect(insert).not.toHaveBeenCalled();
  });
});
