// What the benchmark needs of the API to set itself up (users, tokens, workouts), over plain JSON.
// Loopback only.

export function assertLoopback(base) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) {
    throw new Error(`the benchmark talks to this machine only, not to ${base}`);
  }
}

export async function json(base, method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

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
  await json(base, 'POST', '/users/register', creds);
  const { token, user_id } = await json(base, 'POST', '/users/login', {
    email: creds.email,
    password: creds.password,
  });
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

export async function startWorkout(base, user, type = 'running') {
  return json(
    base,
    'POST',
    '/workouts/start',
    { user_id: user.user_id, workout_type: type },
    user.token,
  );
}

export async function endWorkout(base, user, sessionId) {
  return json(
    base,
    'POST',
    `/workouts/${sessionId}/end`,
    { end_time: new Date().toISOString() },
    user.token,
  );
}
