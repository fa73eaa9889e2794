import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createApiClient,
  expectStatus,
  type ApiClient,
  type ErrorBody,
  type Schemas,
} from '@fitness/client';
import { internalClient } from '../../scripts/internal-grpc.mjs';
import { PROFILES, dataDir, stackEnv, type ProfileName } from '../../scripts/stack.mjs';

export const GATEWAYS = PROFILES.test.gateway.map((port) => `http://127.0.0.1:${port}`);
/** The two gateway replicas: the tests write on one and read on the other. */
export const [A, B] = GATEWAYS as [string, string];

export const DAY = 86_400_000;

/** A typed client of one gateway replica (libs/client), as an app would hold it. */
export function api(base: string, token?: string): ApiClient {
  return createApiClient({ baseUrl: base, token, timeoutMs: 10_000 });
}

/** The path parameter of the routes under /users/{user_id}. */
export function userPath(user_id: string): { params: { path: { user_id: string } } } {
  return { params: { path: { user_id } } };
}

export interface RawResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A request the typed client cannot express, for the negative tests only: wrong types, unknown or
 * missing fields, malformed JSON, routes outside the API, arbitrary headers. Everything a
 * well-behaved client sends goes through `api()`.
 */
export async function rawCall<T = ErrorBody>(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : undefined) as T;
  return { status: res.status, body: parsed, headers: res.headers };
}

let counter = 0;

/** Unique credentials for a new user of this run. */
export function newCredentials(): { username: string; email: string; password: string } {
  counter += 1;
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
  return { username: `u_${tag}`, email: `user.${tag}@example.com`, password: `pw-${tag}-secret` };
}

export interface Session {
  user_id: string;
  token: string;
  username: string;
  email: string;
  password: string;
}

/** Registers on one replica and logs in on the other, as a user hopping between replicas would. */
export async function registerAndLogin(): Promise<Session> {
  const creds = newCredentials();
  await expectStatus(api(A).POST('/users/register', { body: creds }), 201, 'register');
  const login = await expectStatus(
    api(B).POST('/users/login', {
      body: { email: creds.email, password: creds.password },
    }),
    200,
    'login',
  );
  return { ...creds, user_id: login.user_id, token: login.token };
}

/** `n` new users at once, each registered and logged in. */
export function registerUsers(n: number): Promise<Session[]> {
  return Promise.all(Array.from({ length: n }, () => registerAndLogin()));
}

/** Sum of a Prometheus counter over all its label sets, read from a /metrics endpoint. */
export async function counterTotal(metricsUrl: string, name: string): Promise<number> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every JSON log line of a service's processes (`user` → user-1, user-2) in a stack profile. */
export function logLines(profile: ProfileName, service: string): Record<string, unknown>[] {
  const dir = join(dataDir(profile), 'logs');
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${service}-`) && f.endsWith('.log'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** A workout that ended in the past, as the activity service's ImportWorkouts takes it. */
export interface PastWorkout {
  import_id: string;
  workout_type: string;
  start_time: string;
  end_time: string;
}

/**
 * Records past workouts for a user through the activity service's internal ImportWorkouts (the
 * way `make seed` builds a history: clients cannot), on instance `instance` (0 or 1).
 */
export async function importWorkouts(
  userId: string,
  workouts: PastWorkout[],
  instance = 0,
): Promise<number> {
  const a = PROFILES.test.activity[instance];
  const client = internalClient(
    'activity',
    `127.0.0.1:${a.grpc}`,
    stackEnv('test').INTERNAL_TOKEN_SECRET,
  );
  try {
    const res = await client.call<{ imported: number }>('ImportWorkouts', {
      user_id: userId,
      workouts,
    });
    return res.imported;
  } finally {
    client.close();
  }
}

/** A past workout of `minutes` ending at `end`. */
export function pastWorkout(id: string, type: string, end: Date, minutes = 30): PastWorkout {
  return {
    import_id: id,
    workout_type: type,
    start_time: new Date(end.getTime() - minutes * 60_000).toISOString(),
    end_time: end.toISOString(),
  };
}

/** Starts a workout of `s` on replica `base` (the answer as it comes). */
export function startWorkout(base: string, s: Session, workoutType: string) {
  return api(base, s.token).POST('/workouts/start', {
    body: { user_id: s.user_id, workout_type: workoutType },
  });
}

/** Ends workout `sessionId` on replica `base`, now unless told (the answer as it comes). */
export function endWorkout(
  base: string,
  s: Session,
  sessionId: string,
  endTime = new Date().toISOString(),
) {
  return api(base, s.token).POST('/workouts/{session_id}/end', {
    params: { path: { session_id: sessionId } },
    body: { end_time: endTime },
  });
}

/** Starts a workout on replica `startOn` and ends it at once on `endOn`: an ended workout, now. */
export async function quickWorkout(
  s: Session,
  workoutType: string,
  startOn = A,
  endOn = B,
): Promise<Schemas['EndedWorkoutDto']> {
  const started = await expectStatus(startWorkout(startOn, s, workoutType), 201);
  return expectStatus(endWorkout(endOn, s, started.session_id), 200);
}

/** The user's statistics, read on replica `base`. */
export function statistics(base: string, s: Session): Promise<Schemas['StatisticsDto']> {
  return expectStatus(
    api(base, s.token).GET('/users/{user_id}/statistics', userPath(s.user_id)),
    200,
  );
}
