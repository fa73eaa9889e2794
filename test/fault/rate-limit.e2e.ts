import { describe, expect, it, jest } from '@jest/globals';
import { GATEWAYS, login, newSession } from './support/fault.js';

jest.setTimeout(30_000);

const [A, B] = GATEWAYS;

describe('login rate limit per account (RATE_LIMIT_LOGIN_PER_ACCOUNT = 10 a minute)', () => {
  it('should refuse the 11th attempt within a minute across both replicas with 429', async () => {
    const s = await newSession(A); // one login used
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await login(i % 2 === 0 ? B : A, {
        email: s.email.toUpperCase(),
        password: i % 3 === 0 ? 'wrong-password' : s.password,
      });
      statuses.push(res.status);
    }
    expect(statuses.every((st) => st === 200 || st === 401)).toBe(true);
    const refused = await login(B, s);
    console.log(
      `[rate limit] attempts 1-10: ${[200, ...statuses].join(' ')}; 11th: ${refused.status}, Retry-After ${refused.retryAfter ?? '-'} s`,
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: {
        code: 'RESOURCE_EXHAUSTED',
        message: expect.stringMatching(/too many login attempts/),
      },
    });
    const retryAfter = Number(refused.retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account is not affected.
    const other = await newSession(B);
    expect(other.token).toEqual(expect.any(String));
  });
});
