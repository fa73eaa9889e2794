import { describe, expect, it } from '@jest/globals';
import { ApiError, createApiClient, expectAck, expectStatus } from '@fitness/client';

/** A fetch that records the request and answers `status` with `body`. */
function fakeFetch(status: number, body: unknown) {
  const seen: Request[] = [];
  const fetch = (request: Request): Promise<Response> => {
    seen.push(request);
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return { seen, fetch };
}

describe(createApiClient.name, () => {
  it('should send the bearer token and JSON body to the path under the base URL', async () => {
    const { seen, fetch } = fakeFetch(201, { session_id: 's', start_time: 't' });
    const sut = createApiClient({ baseUrl: 'http://gw.test/', token: 'tok', fetch });
    const started = await expectStatus(
      sut.POST('/workouts/start', { body: { user_id: 'u', workout_type: 'yoga' } }),
      201,
    );
    expect(started).toEqual({ session_id: 's', start_time: 't' });
    const [request] = seen;
    expect(request?.url).toBe('http://gw.test/workouts/start');
    expect(request?.headers.get('authorization')).toBe('Bearer tok');
    expect(await request?.json()).toEqual({ user_id: 'u', workout_type: 'yoga' });
  });

  it('should abort a call that takes longer than timeoutMs', async () => {
    const sut = createApiClient({
      baseUrl: 'http://gw.test',
      timeoutMs: 20,
      fetch: (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    });
    await expect(
      sut.GET('/users/{user_id}', { params: { path: { user_id: 'u' } } }),
    ).rejects.toThrow(/timeout|aborted/i);
  });
});

describe(expectStatus.name, () => {
  it('should throw an error naming the operation, the status and the error body', async () => {
    const body = { error: { code: 'NOT_FOUND', message: 'workout session not found' } };
    const sut = createApiClient({ baseUrl: 'http://gw.test', fetch: fakeFetch(404, body).fetch });
    const call = sut.POST('/workouts/{session_id}/end', {
      params: { path: { session_id: 'w1' } },
      body: { end_time: '2026-01-01T00:00:00Z' },
    });
    const err = await expectStatus(call, 200, 'end workout').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      operation: 'end workout: POST /workouts/{session_id}/end',
      status: 404,
      expected: 200,
      body,
    });
    expect((err as Error).message).toMatch(
      /^end workout: POST \/workouts\/\{session_id\}\/end answered 404, expected 200: .*NOT_FOUND/,
    );
  });
});

describe(expectAck.name, () => {
  it('should return the answer of an accepted event and throw on a refusal', () => {
    expect(expectAck('send_message', { ok: true, sent_at: 't' })).toMatchObject({ sent_at: 't' });
    expect(() =>
      expectAck('send_message', {
        ok: false,
        error: { code: 'PERMISSION_DENIED', message: 'join it first' },
      }),
    ).toThrow('send_message refused: PERMISSION_DENIED: join it first');
  });
});
