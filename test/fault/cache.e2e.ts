import { describe, expect, it, jest } from '@jest/globals';
import {
  GATEWAYS,
  USER_METRICS,
  metric,
  newSession,
  getProfile,
  patchProfile,
} from './support/fault.js';

jest.setTimeout(30_000);

const [A, B] = GATEWAYS;

/** GetUser calls that reached any user instance (grpc_server_handled_total, handler getUser). */
async function getUserCalls(): Promise<number> {
  const counts = await Promise.all(
    USER_METRICS.map((url) => metric(url, 'grpc_server_handled_total', { method: 'getUser' })),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** GetUser calls the gateways made (the gRPC hop itself). */
async function gatewayGetUserCalls(): Promise<number> {
  const counts = await Promise.all(
    GATEWAYS.map((g) =>
      metric(`${g}/metrics`, 'grpc_client_handled_total', { upstream: 'user', method: 'GetUser' }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe('profile cache (scenario 6)', () => {
  it('should serve the profile read after login from Redis: no gRPC call, no SQL', async () => {
    const s = await newSession(A);
    const before = { server: await getUserCalls(), client: await gatewayGetUserCalls() };
    const reads = 20;
    for (let i = 0; i < reads; i++) {
      const res = await getProfile(i % 2 === 0 ? A : B, s);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user_id: s.user_id,
        username: s.username,
        email: s.email,
        weight_kg: null,
        height_cm: null,
        leaderboard_visible: false,
        created_at: expect.any(String),
      });
    }
    const after = { server: await getUserCalls(), client: await gatewayGetUserCalls() };
    console.log(
      `[scenario 6] ${reads} profile reads after login: GetUser calls made by the gateways ` +
        `${after.client - before.client}, handled by the user instances ${after.server - before.server}`,
    );
    expect(after.client - before.client).toBe(0);
    expect(after.server - before.server).toBe(0);

    // A change is visible on the very next read, on either replica.
    const patched = await patchProfile(B, s, { weight_kg: 71.5, height_cm: 170 });
    expect(patched.status).toBe(200);
    const next = await getProfile(A, s);
    expect(next.body).toMatchObject({ weight_kg: 71.5, height_cm: 170 });
    // That read refilled the cache (cache-aside in the user service): the one after is a hit.
    const refill = await gatewayGetUserCalls();
    const again = await getProfile(B, s);
    expect(again.body).toMatchObject({ weight_kg: 71.5, height_cm: 170 });
    expect(await gatewayGetUserCalls()).toBe(refill);
  });
});
