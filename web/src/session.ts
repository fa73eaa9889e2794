import {
  connectRealtime,
  createApiClient,
  type ApiClient,
  type ErrorBody,
  type RealtimeSocket,
} from '@fitness/client';

// The login (token and user_id) lives in sessionStorage: it survives a reload, not the tab.
const KEY = 'fitness.session';

export interface Login {
  token: string;
  user_id: string;
}

export function loadLogin(): Login | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const value = raw ? (JSON.parse(raw) as Partial<Login>) : undefined;
    return value?.token && value.user_id
      ? { token: value.token, user_id: value.user_id }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveLogin(login: Login): void {
  sessionStorage.setItem(KEY, JSON.stringify(login));
}

export function clearLogin(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(WORKOUT_KEY);
}

const WORKOUT_KEY = 'fitness.workout';

export interface ActiveWorkout {
  session_id: string;
  start_time: string;
  workout_type: string;
}

export function loadWorkout(): ActiveWorkout | undefined {
  try {
    const raw = sessionStorage.getItem(WORKOUT_KEY);
    return raw ? (JSON.parse(raw) as ActiveWorkout) : undefined;
  } catch {
    return undefined;
  }
}

export function saveWorkout(workout: ActiveWorkout | undefined): void {
  if (workout) {
    sessionStorage.setItem(WORKOUT_KEY, JSON.stringify(workout));
  } else {
    sessionStorage.removeItem(WORKOUT_KEY);
  }
}

/** The gateway that served this page: REST and Socket.IO share its origin. */
export function apiClient(token?: string): ApiClient {
  return createApiClient({ baseUrl: location.origin, token, timeoutMs: 15_000 });
}

export function realtime(token: string): RealtimeSocket {
  return connectRealtime(location.origin, token);
}

/** The message of a failed call: the API's error body, or what went wrong on the way. */
export function errorText(error: unknown, status?: number): string {
  const body = error as Partial<ErrorBody> | undefined;
  if (body?.error?.message) {
    const details = body.error.details?.map((d) => `${d.field}: ${d.message}`).join('; ');
    return details ? `${body.error.message} (${details})` : body.error.message;
  }
  if (error instanceof Error) {
    return error.name === 'TimeoutError' ? 'The server did not answer in time.' : error.message;
  }
  return status ? `The server answered ${status}.` : 'Something went wrong.';
}

/**
 * Awaits a call of the typed client: its data on success, else throws an Error with the API's
 * message (and `status`), so that views show one kind of failure.
 */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result;
  try {
    result = await request;
  } catch (err) {
    throw new Error(errorText(err), { cause: err });
  }
  if (!result.response.ok || result.data === undefined) {
    const err = new Error(errorText(result.error, result.response.status));
    (err as Error & { status?: number }).status = result.response.status;
    throw err;
  }
  return result.data;
}
