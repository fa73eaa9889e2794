import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/api.js';

/** The schemas of the REST API (components/schemas of openapi.json). */
export type Schemas = components['schemas'];
/** The one error shape of every route: {"error": {"code", "message", "details"?}}. */
export type ErrorBody = Schemas['ErrorBody'];
/** A typed openapi-fetch client of the gateway: `api.GET('/users/{user_id}', {params})`. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** The gateway's origin, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** The token of POST /users/login, sent as `Authorization: Bearer` on every call. */
  token?: string;
  /** Abort each call after this many milliseconds (none by default). */
  timeoutMs?: number;
  /** Headers sent on every call. */
  headers?: Record<string, string>;
  /** The fetch to use (globalThis.fetch by default). */
  fetch?: (request: Request) => Promise<Response>;
}

/** `METHOD /path/{template}` of each response, recorded for the errors of `expectStatus`. */
const operations = new WeakMap<Response, string>();

const recordOperation: Middleware = {
  onResponse({ request, schemaPath, response }) {
    operations.set(response, `${request.method} ${schemaPath}`);
  },
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { baseUrl, token, timeoutMs, headers } = options;
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    fetch:
      timeoutMs === undefined
        ? send
        : (request) => send(new Request(request, { signal: AbortSignal.timeout(timeoutMs) })),
  });
  client.use(recordOperation);
  return client;
}

/** A call that did not answer the status its caller expected. */
export class ApiError extends Error {
  constructor(
    /** `METHOD /path/{template}`, prefixed with the caller's name for the call if it gave one. */
    readonly operation: string,
    readonly status: number,
    readonly expected: number,
    /** The parsed body: an ErrorBody for an error status. */
    readonly body: unknown,
  ) {
    super(
      `${operation} answered ${status}, expected ${expected}: ${JSON.stringify(body ?? null).slice(0, 400)}`,
    );
    this.name = 'ApiError';
  }
}

interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Awaits a call of the client and returns its body if it answered `status`; otherwise throws an
 * ApiError naming the operation, the status and the body.
 *   const user = await expectStatus(api.POST('/users/register', { body }), 201);
 */
export async function expectStatus<R extends CallResult>(
  call: Promise<R>,
  status: number,
  name?: string,
): Promise<NonNullable<R['data']>> {
  const { data, error, response } = await call;
  if (response.status !== status) {
    const operation =
      operations.get(response) ?? (response.url ? new URL(response.url).pathname : 'call');
    throw new ApiError(
      name ? `${name}: ${operation}` : operation,
      response.status,
      status,
      error ?? data,
    );
  }
  return data as NonNullable<R['data']>;
}
