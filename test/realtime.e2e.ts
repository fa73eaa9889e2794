import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { processes, startProcess, stopProcess, waitReady } from '../scripts/stack.mjs';
import { expectAck, expectStatus } from '@fitness/client';
import {
  A,
  api,
  B,
  DAY,
  endWorkout,
  registerAndLogin,
  registerUsers,
  sleep,
  startWorkout,
  statistics,
  userPath,
  type Session,
} from './support/api.js';
import {
  closeAll,
  connect,
  joinedClient,
  ofType,
  waitFor,
  type Client,
} from './support/realtime.js';

jest.setTimeout(120_000);

afterEach(() => closeAll());

/** For polling: the user's workout count, or undefined while the read fails (a service down). */
async function workoutCount(base: string, s: Session): Promise<number | undefined> {
  const res = await api(base, s.token).GET('/users/{user_id}/statistics', userPath(s.user_id));
  return res.data?.total_workouts;
}

function groupSession(base: string, token: string, sessionId: string) {
  return api(base, token).GET('/group-sessions/{session_id}', {
    params: { path: { session_id: sessionId } },
  });
}

/** A goal of one workout, due tomorrow. */
function oneWorkoutGoal(base: string, s: Session) {
  return api(base, s.token).POST('/users/{user_id}/goals', {
    ...userPath(s.user_id),
    body: {
      goal_type: 'workouts',
      target_value: 1,
      target_date: new Date(Date.now() + DAY).toISOString(),
    },
  });
}

/** A workout started and ended at once. */
async function quickWorkout(base: string, s: Session, workoutType: string): Promise<number> {
  const started = await expectStatus(startWorkout(base, s, workoutType), 201);
  return (await endWorkout(base, s, started.session_id)).response.status;
}

async function restart(name: string): Promise<void> {
  const spec = processes('test').find((p) => p.name === name);
  if (!spec) {
    throw new Error(`no process ${name}`);
  }
  await stopProcess('test', name);
  startProcess('test', spec);
  await waitReady('test', spec);
}

async function createSession(c: Client, workoutType = 'hiit'): Promise<string> {
  const ack = await c.emit('create_group_session', {
    workout_type: workoutType,
    name: 'Evening HIIT',
  });
  expect(ack).toMatchObject({ ok: true, session_id: expect.any(String) });
  return expectAck('create_group_session', ack).session_id;
}

describe('Socket.IO group sessions across both gateway replicas', () => {
  it('should give every member every update exactly once, in send order per sender', async () => {
    const [alice, bob, carol] = await registerUsers(3);
    const a = await connect(A, alice.token);
    const b = await connect(B, bob.token);
    const c = await connect(A, carol.token);
    const id = await createSession(a);
    expect((await b.emit('join_group_session', { user_id: bob.user_id, session_id: id })).ok).toBe(
      true,
    );
    expect(
      (await c.emit('join_group_session', { user_id: carol.user_id, session_id: id })).ok,
    ).toBe(true);

    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 8; i++) {
      sends.push(
        a.emit('send_message', { user_id: alice.user_id, session_id: id, message: `a${i}` }),
      );
      sends.push(
        b.emit('send_message', { user_id: bob.user_id, session_id: id, message: `b${i}` }),
      );
    }
    sends.push(
      b.emit('exercise_update', { session_id: id, exercise: 'burpees', value: 12, unit: 'reps' }),
    );
    const acks = (await Promise.all(sends)) as { ok: boolean }[];
    expect(acks.every((x) => x.ok)).toBe(true);
    expect((await c.emit('leave_group_session', { session_id: id })).ok).toBe(true);

    for (const client of [a, b]) {
      await waitFor(
        '16 messages, the exercise and the leave',
        () =>
          ofType(client, 'message').length >= 16 &&
          ofType(client, 'exercise').length >= 1 &&
          ofType(client, 'left').length >= 1,
      );
    }
    await sleep(300); // let any duplicate arrive before counting
    for (const client of [a, b]) {
      const texts = ofType(client, 'message').map((u) => u.data.message);
      expect(texts.filter((t) => t.startsWith('a'))).toEqual([
        'a0',
        'a1',
        'a2',
        'a3',
        'a4',
        'a5',
        'a6',
        'a7',
      ]);
      expect(texts.filter((t) => t.startsWith('b'))).toEqual([
        'b0',
        'b1',
        'b2',
        'b3',
        'b4',
        'b5',
        'b6',
        'b7',
      ]);
      expect(ofType(client, 'left').map((u) => u.data.user_id)).toEqual([carol.user_id]);
      expect(ofType(client, 'exercise')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ user_id: bob.user_id, exercise: 'burpees', value: 12 }),
        }),
      ]);
      expect(ofType(client, 'message')[0]?.data).toEqual({
        user_id: expect.any(String),
        username: expect.any(String),
        message: expect.any(String),
        sent_at: expect.any(String),
      });
    }
    // Joins seen by the creator: bob's and carol's, once each.
    expect(ofType(a, 'joined').map((u) => u.data.user_id)).toEqual([
      alice.user_id,
      bob.user_id,
      carol.user_id,
    ]);
    // Carol left: she gets nothing after her leave.
    const carolMessages = ofType(c, 'message').length;
    expect(
      (await a.emit('send_message', { user_id: alice.user_id, session_id: id, message: 'after' }))
        .ok,
    ).toBe(true);
    expect((await a.emit('end_group_session', { session_id: id })).ok).toBe(true);
    for (const client of [a, b]) {
      await waitFor('ended', () => ofType(client, 'ended').length >= 1);
    }
    await sleep(300);
    expect(ofType(a, 'ended')).toHaveLength(1);
    expect(ofType(b, 'ended')).toHaveLength(1);
    expect(ofType(c, 'message')).toHaveLength(carolMessages);
    expect(ofType(c, 'ended')).toHaveLength(0);
  });

  it('should give a late joiner the recent messages and the current state', async () => {
    const [alice, dave] = await registerUsers(2);
    const a = await connect(A, alice.token);
    const id = await createSession(a, 'yoga');
    for (const m of ['one', 'two', 'three']) {
      await a.emit('send_message', { user_id: alice.user_id, session_id: id, message: m });
    }
    await a.emit('exercise_update', { session_id: id, exercise: 'plank', value: 60, unit: 's' });
    const d = await connect(B, dave.token);
    const ack = await d.emit('join_group_session', { user_id: dave.user_id, session_id: id });
    const { session } = expectAck('join_group_session', ack);
    expect(session.recent_messages.map((m) => m.message)).toEqual(['one', 'two', 'three']);
    expect(session.members.map((m) => m.user_id).sort()).toEqual(
      [alice.user_id, dave.user_id].sort(),
    );
    expect(session.exercise).toEqual([expect.objectContaining({ exercise: 'plank' })]);
    expect(session.creator_id).toBe(alice.user_id);
  });

  it('should refuse bad tokens, non-members, impostors, bad payloads and floods', async () => {
    await expect(connect(A, 'not-a-token')).rejects.toThrow(/unauthorized/);
    await expect(connect(B, undefined)).rejects.toThrow(/unauthorized: missing token/);

    const [alice, eve] = await registerUsers(2);
    const a = await connect(A, alice.token);
    const e = await connect(B, eve.token);
    const id = await createSession(a);

    const notMember = await e.emit('send_message', {
      user_id: eve.user_id,
      session_id: id,
      message: 'hi',
    });
    expect(notMember).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const impostor = await e.emit('join_group_session', { user_id: alice.user_id, session_id: id });
    expect(impostor).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const unknown = await e.emit('join_group_session', {
      user_id: eve.user_id,
      session_id: randomUUID(),
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const malformed = await e.emit('join_group_session', {
      user_id: eve.user_id,
      session_id: 'nope',
    });
    expect(malformed).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: [{ field: 'session_id' }] },
    });
    await e.emit('join_group_session', { user_id: eve.user_id, session_id: id });
    const notCreator = await e.emit('end_group_session', { session_id: id });
    expect(notCreator).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });

    const tooLong = await e.emit('send_message', {
      user_id: eve.user_id,
      session_id: id,
      message: 'x'.repeat(1001),
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: [{ field: 'message' }] },
    });
    const badType = await e.emitRaw('exercise_update', {
      session_id: id,
      exercise: 'squats',
      value: '12',
      unit: 'reps',
    });
    expect(badType).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: [{ field: 'value' }] },
    });
    const extra = await e.emitRaw('create_group_session', { workout_type: 'yoga', admin: true });
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: [{ field: 'admin' }] },
    });
    const notObject = await e.emitRaw('leave_group_session', 'x');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        e.emit('send_message', { user_id: eve.user_id, session_id: id, message: `m${i}` }),
      ),
    );
    const refused = flood.filter((x) => !x.ok);
    expect(flood.filter((x) => x.ok).length).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.error?.code).toBe('RESOURCE_EXHAUSTED');
    // Nothing refused reached the room.
    await sleep(300);
    expect(ofType(a, 'message').map((u) => u.data.message)).not.toContain('x'.repeat(1001));
    expect(ofType(a, 'message')).toHaveLength(flood.filter((x) => x.ok).length);
  });

  it('should persist an ended session, readable through REST after its replica restarts, and count it as a workout', async () => {
    const [alice, bob] = await registerUsers(2);
    await expectStatus(oneWorkoutGoal(B, bob), 201);
    const a = await connect(A, alice.token);
    const id = await createSession(a, 'cycling');
    const b = await joinedClient(B, bob, id);
    await a.emit('send_message', { user_id: alice.user_id, session_id: id, message: 'go!' });
    await b.emit('exercise_update', {
      session_id: id,
      exercise: 'cadence',
      value: 90,
      unit: 'rpm',
    });
    await sleep(500);
    expect((await a.emit('end_group_session', { session_id: id })).ok).toBe(true);
    // Bob's participation reached his goal: one alert on his socket (replica B).
    await waitFor('goal_achieved for bob', () => b.alerts.length >= 1, 10_000);

    a.close();
    await restart('gateway-1');
    await waitFor(
      'the record stored by the activity service',
      async () => {
        const res = await groupSession(A, bob.token, id);
        return res.response.status === 200 && res.data?.saved === true;
      },
      15_000,
    );
    const saved = await expectStatus(groupSession(A, alice.token, id), 200);
    expect(saved.participants.map((p) => p.user_id).sort()).toEqual(
      [alice.user_id, bob.user_id].sort(),
    );
    expect(saved.messages.map((m) => m.message)).toEqual(['go!']);
    expect(saved.exercise_updates.map((x) => x.exercise)).toEqual(['cadence']);

    for (const s of [alice, bob] as Session[]) {
      await waitFor(`statistics of ${s.username}`, async () => (await workoutCount(A, s)) === 1);
      const list = await expectStatus(
        api(B, s.token).GET('/users/{user_id}/group-sessions', userPath(s.user_id)),
        200,
      );
      expect(list.items).toEqual([expect.objectContaining({ session_id: id, status: 'ended' })]);
    }
    const outsider = await registerAndLogin();
    const denied = await groupSession(B, outsider.token, id);
    expect(denied.response.status).toBe(403);
    await sleep(500);
    expect(b.alerts).toHaveLength(1);
  });

  it('should keep a session ended while the activity service is down and store it once it is back', async () => {
    const [alice, bob] = await registerUsers(2);
    const a = await connect(A, alice.token);
    const id = await createSession(a, 'rowing');
    await joinedClient(B, bob, id);
    await sleep(300);
    const activity = processes('test').filter((p) => p.name.startsWith('activity'));
    await Promise.all(activity.map((p) => stopProcess('test', p.name)));
    try {
      expect((await a.emit('end_group_session', { session_id: id })).ok).toBe(true);
      // Readable meanwhile, from the outbox: ended, with every participant, not saved yet.
      const pending = await groupSession(B, bob.token, id);
      expect(pending.data).toMatchObject({ status: 'ended', saved: false });
      expect(pending.data?.participants).toHaveLength(2);
      await sleep(1500); // a few failed deliveries
    } finally {
      for (const spec of activity) {
        startProcess('test', spec);
      }
      await Promise.all(activity.map((spec) => waitReady('test', spec)));
    }
    for (const s of [alice, bob]) {
      await waitFor(
        `the delivered session in ${s.username}'s statistics`,
        async () => (await workoutCount(A, s)) === 1,
        45_000,
      );
    }
    await sleep(1500); // every replica's outbox loop ran again: still saved once
    for (const s of [alice, bob]) {
      expect((await statistics(B, s)).total_workouts).toBe(1);
    }
  });

  it('should raise exactly one goal_achieved on every socket of the user, whatever replica', async () => {
    const s = await registerAndLogin();
    await oneWorkoutGoal(A, s);
    const onB = await connect(B, s.token);
    const onA = await connect(A, s.token);
    expect(await quickWorkout(A, s, 'walking')).toBe(200);
    const t0 = Date.now();
    await waitFor(
      'goal_achieved on both sockets',
      () => onB.alerts.length >= 1 && onA.alerts.length >= 1,
      3000,
    );
    console.log(
      `[realtime] goal_achieved reached the other replica's socket in ${Date.now() - t0} ms after the REST answer`,
    );
    await sleep(700);
    expect(onB.alerts).toEqual([
      {
        goal_id: expect.any(String),
        goal_type: 'workouts',
        target_value: 1,
        achieved_at: expect.any(String),
        // A once goal has one period, from its creation.
        period_start: expect.any(String),
      },
    ]);
    expect(onA.alerts).toEqual(onB.alerts);
    // Delivered: a new connection does not get it again.
    const later = await connect(B, s.token);
    await sleep(500);
    expect(later.alerts).toEqual([]);
  });

  it('should deliver an alert raised while the user was offline once, at the next connection', async () => {
    const s = await registerAndLogin();
    await oneWorkoutGoal(B, s);
    await quickWorkout(B, s, 'yoga');
    await sleep(300);
    const first = await connect(A, s.token);
    await waitFor('the pending alert', () => first.alerts.length >= 1);
    const second = await connect(B, s.token);
    await sleep(500);
    expect(first.alerts).toHaveLength(1);
    expect(second.alerts).toHaveLength(0);
  });

  it('should treat a disconnect as leaving after the grace period, and a quick reconnect as staying', async () => {
    const [alice, bob] = await registerUsers(2);
    const a = await connect(A, alice.token);
    const id = await createSession(a);
    let b = await joinedClient(B, bob, id);
    b.close();
    b = await connect(A, bob.token); // back within the grace period, on the other replica
    await b.emit('send_message', { user_id: bob.user_id, session_id: id, message: 'still here' });
    await waitFor('bob message', () => ofType(a, 'message').length >= 1);
    expect(ofType(a, 'left')).toHaveLength(0);
    b.close();
    await waitFor('bob left after the grace period', () => ofType(a, 'left').length >= 1, 10_000);
    expect(ofType(a, 'left')[0]?.data).toMatchObject({
      user_id: bob.user_id,
      reason: 'disconnected',
    });
  });

  it('should move clients of a replica stopped with SIGTERM to the other one, sessions intact', async () => {
    const [alice, bob] = await registerUsers(2);
    const b = await connect(B, bob.token);
    const id = await createSession(b);
    let a = await joinedClient(A, alice, id);
    const disconnected = new Promise<string>((resolve) => a.socket.once('disconnect', resolve));
    const spec = processes('test').find((p) => p.name === 'gateway-1');
    try {
      await stopProcess('test', 'gateway-1'); // SIGTERM, waits for the exit
      expect(a.shutdownHints).toEqual([{ reconnect: true }]);
      expect(await disconnected).toBe('io server disconnect');
      // The client reconnects to the other replica: no re-join needed, nothing lost.
      a = await connect(B, alice.token);
      const sent = await a.emit('send_message', {
        user_id: alice.user_id,
        session_id: id,
        message: 'moved',
      });
      expect(sent.ok).toBe(true);
      await waitFor('the message after the move', () => ofType(b, 'message').length >= 1);
      await sleep(2000); // past the grace period: no "left" for alice
      expect(ofType(b, 'left')).toEqual([]);
      expect(ofType(a, 'message').map((u) => u.data.message)).toEqual(['moved']);
    } finally {
      if (spec) {
        startProcess('test', spec);
        await waitReady('test', spec);
      }
    }
  });
});
