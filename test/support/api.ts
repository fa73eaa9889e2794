import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, dataDir, type ProfileName } from '../../scripts/stack.mjs';

export const GATEWAYS = PROFILES.test.gateway.map((port) => `http://127.0.0.1:${port}`);

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ErrorResponse {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

/** A JSON call to one gateway replica, as any HTTP client would make it. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
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
  const reg = await call<{ user_id: string }>(GATEWAYS[0], 'POST', '/users/register', {
    body: creds,
  });
  if (reg.status !== 201) {
    throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  }
  const login = await call<{ token: string; user_id: string }>(
    GATEWAYS[1],
    'POST',
    '/users/login',
    {
      body: { email: creds.email, password: creds.password },
    },
  );
  if (login.status !== 200) {
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  return { ...creds, user_id: login.body.user_id, token: login.body.token };
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
