import { describe, expect, it, jest } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { NotFoundError, type DomainError } from '@fitness/common';
import type { UserService } from '../user/user.service.js';
import type { GoalAlertPublisher } from './goal-alert.publisher.js';
import { GoalEntity } from './goal.entity.js';
import type { GoalRepository } from './goal.repository.js';
import { GoalService, goalStatus, parseTargetDate } from './goal.service.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const USER = '5b8f5f3e-3a43-4b8e-9d1e-6f2f8a2b9c10';
/** A RecordWorkout request the service takes. */
const WORKOUT = {
  user_id: USER,
  workout_id: '8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a11',
  ended_at: NOW.toISOString(),
  duration: 60,
  calories_burned: 5,
  workout_type: 'running',
};

function field(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as DomainError).field;
  }
}

/** The service over a stubbed repository, user service and publisher (each mock exposed). */
function stubbed(insertImpl: (g: GoalEntity) => Promise<GoalEntity>) {
  const mocks = {
    insert: jest.fn(insertImpl),
    recordWorkout: jest.fn<GoalRepository['recordWorkout']>(),
    findOwned: jest.fn<GoalRepository['findOwned']>(),
    update: jest.fn<GoalRepository['update']>(),
    remove: jest.fn<GoalRepository['delete']>(),
    listByUser: jest.fn<GoalRepository['listByUser']>(() => Promise.resolve([])),
    periods: jest.fn<GoalRepository['periods']>(() => Promise.resolve(new Map())),
    publish: jest.fn<GoalAlertPublisher['publish']>(() => Promise.resolve()),
    requireUser: jest.fn<UserService['require']>(() => Promise.resolve({} as never)),
  };
  const { remove, publish, requireUser, ...repository } = mocks;
  const sut = new GoalService(
    { ...repository, delete: remove } as unknown as GoalRepository,
    { require: requireUser } as unknown as UserService,
    { publish } as unknown as GoalAlertPublisher,
  );
  return { sut, ...mocks };
}

describe(GoalService.name, () => {
  const { sut, insert, recordWorkout, publish } = stubbed((g) =>
    Promise.resolve({ ...g, createdAt: NOW }),
  );

  it('should refuse a workout with numbers no workout has, and change nothing', async () => {
    recordWorkout.mockClear();
    for (const [bad, name] of [
      [{ duration: Number.POSITIVE_INFINITY }, 'duration'],
      [{ duration: Number.NaN }, 'duration'],
      [{ duration: 90_000 }, 'duration'],
      [{ calories_burned: -1 }, 'calories_burned'],
      [{ calories_burned: 1e12 }, 'calories_burned'],
      [{ workout_id: 'w\u0000' }, 'workout_id'],
      [{ ended_at: '2026-02-30T10:00:00Z' }, 'ended_at'],
      [{ workout_type: 'run\u0000' }, 'workout_type'],
      [{ workout_type: '__proto__' }, 'workout_type'],
    ] as const) {
      const err = (await sut
        .recordWorkout({ ...WORKOUT, ...bad })
        .catch((e: unknown) => e)) as DomainError;
      expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, name]);
    }
    expect(recordWorkout).not.toHaveBeenCalled();
  });

  it('should publish a live alert for each goal a workout completes, and none on a retry', async () => {
    const achieved = {
      goal: goal({ id: '0f7a1c52-7a1c-4b8e-9a55-0b4f2b1b9a11', targetValue: 1 }),
      period: { periodStart: NOW, progress: 1, achievedAt: NOW },
    };
    recordWorkout.mockResolvedValueOnce({ applied: true, achieved: [achieved] });
    const first = await sut.recordWorkout(WORKOUT);
    expect(first.achieved?.map((g) => [g.goal_id, g.period_start])).toEqual([
      [achieved.goal.id, NOW.toISOString()],
    ]);
    expect(publish).toHaveBeenCalledWith([achieved]);
    publish.mockClear();
    recordWorkout.mockResolvedValueOnce({ applied: false, achieved: [] });
    expect(await sut.recordWorkout(WORKOUT)).toEqual({ applied: false, achieved: [] });
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

function goal(overrides: Partial<GoalEntity> = {}): GoalEntity {
  return Object.assign(new GoalEntity(), {
    id: GOAL,
    userId: USER,
    goalType: 'workouts',
    targetValue: 3,
    targetDate: new Date('2026-12-31T23:59:59.999Z'),
    period: 'once',
    workoutType: null,
    createdAt: NOW,
    ...overrides,
  });
}

const GOAL = '3c1e9a52-7a1c-4b8e-9a55-0b4f2b1b9a11';

describe(`${GoalService.name}: periods and workout types`, () => {
  const { sut, recordWorkout, findOwned, update, remove, listByUser, periods, publish } = stubbed(
    (g) => Promise.resolve(g),
  );
  const base = { user_id: USER, goal_type: 'workouts', target_value: 3, target_date: '2026-12-31' };

  it('should default to once and any workout type, and show the creation as period_start', async () => {
    const created = await sut.create(base, NOW);
    expect(created).toMatchObject({
      period: 'once',
      period_start: NOW.toISOString(),
      status: 'active',
      current_progress: 0,
    });
    expect(created.workout_type).toBeUndefined();
  });

  it('should start a weekly goal on the UTC day of its creation and store the type lower-case', async () => {
    const created = await sut.create(
      { ...base, period: 'week', workout_type: 'Running' },
      new Date('2026-11-25T23:59:00Z'),
    );
    expect(created).toMatchObject({
      period: 'week',
      workout_type: 'running',
      period_start: '2026-11-25T00:00:00.000Z',
    });
  });

  it.each([
    [{ period: 'daily' }, 'period'],
    [{ period: 'constructor' }, 'period'],
    [{ period: 'once\n' }, 'period'],
    [{ workout_type: 'constructor' }, undefined],
    [{ workout_type: 'toString' }, undefined],
    [{ workout_type: '__proto__' }, 'workout_type'],
    [{ workout_type: 'run\u0007' }, 'workout_type'],
    [{ workout_type: 'run\ud800' }, 'workout_type'],
    [{ workout_type: 'x'.repeat(33) }, 'workout_type'],
  ])('should take or refuse %j (field %s)', async (extra, expected) => {
    const res = await sut.create({ ...base, ...extra }, NOW).catch((e: unknown) => e);
    if (expected === undefined) {
      expect(res).toMatchObject({ workout_type: (extra.workout_type ?? '').toLowerCase() });
    } else {
      expect([(res as DomainError).code, (res as DomainError).field]).toEqual([
        status.INVALID_ARGUMENT,
        expected,
      ]);
    }
  });

  it('should count a workout in the period that holds its end', async () => {
    recordWorkout.mockResolvedValueOnce({ applied: true, achieved: [] });
    await sut.recordWorkout({
      ...WORKOUT,
      workout_id: '8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a12',
      ended_at: '2026-12-09T00:00:00.000Z',
      workout_type: 'Cycling',
    });
    const [contribution, periodOf] = recordWorkout.mock.calls[0];
    expect(contribution.workoutType).toBe('cycling');
    const weekly = goal({ period: 'week', createdAt: new Date('2026-11-25T08:00:00Z') });
    expect(periodOf(weekly).toISOString()).toBe('2026-12-09T00:00:00.000Z');
    const monthly = goal({ period: 'month', createdAt: new Date('2026-10-31T08:00:00Z') });
    expect(periodOf(monthly).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(periodOf(goal()).toISOString()).toBe(NOW.toISOString());
  });

  it('should tell active, achieved and expired apart', () => {
    const none = { periodStart: NOW, progress: 0, achievedAt: null };
    const reached = { periodStart: NOW, progress: 3, achievedAt: NOW };
    const later = new Date('2027-01-01T00:00:00Z');
    expect(goalStatus(goal(), none, NOW)).toBe('active');
    expect(goalStatus(goal(), reached, NOW)).toBe('achieved');
    expect(goalStatus(goal(), reached, later)).toBe('achieved');
    expect(goalStatus(goal(), none, later)).toBe('expired');
    expect(goalStatus(goal({ period: 'week' }), reached, NOW)).toBe('active');
    expect(goalStatus(goal({ period: 'month' }), reached, later)).toBe('expired');
  });

  it('should show the progress of the current period of a recurring goal', async () => {
    const weekly = goal({ period: 'week', createdAt: new Date('2026-11-11T10:00:00Z') });
    listByUser.mockResolvedValueOnce([weekly]);
    periods.mockImplementationOnce((keys) =>
      Promise.resolve(
        new Map([
          [
            `${keys[0].goalId}@${keys[0].periodStart.toISOString()}`,
            { periodStart: keys[0].periodStart, progress: 2, achievedAt: null },
          ],
        ]),
      ),
    );
    const [item] = await sut.list(USER, 'active', NOW);
    expect(listByUser).toHaveBeenLastCalledWith(USER, 'active', NOW);
    expect(item).toMatchObject({ period_start: '2026-11-25T00:00:00.000Z', current_progress: 2 });
  });

  it('should look the user up only when they have no goals to list (404 for an unknown one)', async () => {
    const { sut: lister, listByUser: rows, requireUser } = stubbed((g) => Promise.resolve(g));
    rows.mockResolvedValueOnce([goal()]);
    expect(await lister.list(USER, undefined, NOW)).toHaveLength(1);
    expect(requireUser).not.toHaveBeenCalled();

    requireUser.mockRejectedValueOnce(new NotFoundError('user not found'));
    const err = (await lister.list(USER, undefined, NOW).catch((e: unknown) => e)) as DomainError;
    expect(err.code).toBe(status.NOT_FOUND);
    expect(requireUser).toHaveBeenCalledWith(USER);
  });

  it.each(['done', 'ACTIVE', 'constructor', '__proto__', 'active\u0000'])(
    'should refuse status %j',
    async (value) => {
      const err = (await sut.list(USER, value, NOW).catch((e: unknown) => e)) as DomainError;
      expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, 'status']);
    },
  );

  it("should answer NOT_FOUND for a goal that is not the user's, and change nothing", async () => {
    findOwned.mockResolvedValueOnce(null);
    update.mockClear();
    const err = (await sut
      .update({ user_id: USER, goal_id: GOAL, target_value: 5 }, NOW)
      .catch((e: unknown) => e)) as DomainError;
    expect(err.code).toBe(status.NOT_FOUND);
    expect(update).not.toHaveBeenCalled();
    remove.mockResolvedValueOnce(false);
    const gone = (await sut
      .delete({ user_id: USER, goal_id: GOAL })
      .catch((e: unknown) => e)) as DomainError;
    expect(gone.code).toBe(status.NOT_FOUND);
  });

  it.each([
    [{}, 'target_value'],
    [{ target_value: 1.5 }, 'target_value'],
    [{ target_value: -1 }, 'target_value'],
    [{ target_date: '2026-11-24' }, 'target_date'],
    [{ target_date: 'soon' }, 'target_date'],
  ])('should refuse the change %j naming %s', async (changes, expected) => {
    findOwned.mockResolvedValue(goal());
    update.mockClear();
    const err = (await sut
      .update({ user_id: USER, goal_id: GOAL, ...changes }, NOW)
      .catch((e: unknown) => e)) as DomainError;
    expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, expected]);
    expect(update).not.toHaveBeenCalled();
  });

  it('should alert when a lowered target is already reached', async () => {
    findOwned.mockResolvedValueOnce(goal());
    const achieved = {
      goal: goal({ targetValue: 1 }),
      period: { periodStart: NOW, progress: 2, achievedAt: NOW },
    };
    update.mockResolvedValueOnce({ goal: achieved.goal, achieved: [achieved] });
    publish.mockClear();
    await sut.update({ user_id: USER, goal_id: GOAL, target_value: 1 }, NOW);
    expect(publish).toHaveBeenCalledWith([achieved]);
    expect(update.mock.calls[0][2]).toEqual({ targetValue: 1, targetDate: undefined });
  });
});
