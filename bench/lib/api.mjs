// What the benchmark needs of the API to set itself up (users, tokens, workouts), through the
// project's typed client (@fitness/client, built by `make build`). Loopback only.
import { createApiClient, expectStatus } from '@fitness/client';

export function assertLoopback(base) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) {
    throw new Error(`the benchmark talks to this machine only, not to ${base}`);
  }
}

/** The client of one gateway, as `user` (or anonymous). */
export function api(base, user) {
  assertLoopback(base);
  return createApiClient({ baseUrl: base, token: user?.token, timeoutMs: 15_000 });
}

export const userPath = (user) => ({ params: { path: { user_id: user.user_id } } });

let counter = 0;

/** A new registered user with a token. */
export async function newUser(base) {
  counter += 1;
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
  const creds = {
    username: `b_${tag}`,
    email: `b.${tag}@example.com`,
    password: `pw-${tag}-bench`,
  };
  await expectStatus(api(base).POST('/users/register', { body: creds }), 201);
  const { token, user_id } = await expectStatus(
    api(base).POST('/users/login', { body: { email: creds.email, password: creds.password } }),
    200,
  );
  return { ...creds, token, user_id };
}

/** `count` users, `parallel` at a time (argon2 makes registration deliberately slow). */
export async function newUsers(base, count, parallel = 8) {
  const users = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        next += 1;
        users.push(await newUser(base));
      }
    }),
  );
  return users;
}

export function startWorkout(base, user, type = 'running') {
  return expectStatus(
    api(base, user).POST('/workouts/start', {
      body: { user_id: user.user_id, workout_type: type },
    }),
    201,
  );
}

export function endWorkout(base, user, sessionId) {
  return expectStatus(
    api(base, user).POST('/workouts/{session_id}/end', {
      params: { path: { session_id: sessionId } },
      body: { end_time: new Date().toISOString() },
    }),
    200,
  );
}

/** A goal of `user`, due in `days` days (a goals read and a workout end have something to do). */
export function setGoal(base, user, goalType = 'workouts', targetValue = 10, days = 30) {
  return expectStatus(
    api(base, user).POST('/users/{user_id}/goals', {
      ...userPath(user),
      body: {
        goal_type: goalType,
        target_value: targetValue,
        target_date: new Date(Date.now() + days * 86_400_000).toISOString(),
      },
    }),
    201,
  );
}
