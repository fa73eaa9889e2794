import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { InvalidTokenError, JwtCodec } from './jwt.js';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A token signed by hand, to try what our own signer would never produce. */
function forge(header: object, payload: object, secret: string): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe(JwtCodec.name, () => {
  const secret = 'a-secret-of-sufficient-length';
  const sut = new JwtCodec(secret, 3600);
  const now = Math.floor(Date.now() / 1000);

  it('should verify a token it signed and return the user id and expiry', () => {
    const { token, expiresAt } = sut.sign('user-1');
    expect(sut.verify(token)).toEqual({ userId: 'user-1', expiresAt });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 3590_000);
  });

  it('should refuse an expired token with a clear message', () => {
    const { token } = sut.sign('user-1', new Date(Date.now() - 7200_000));
    expect(() => sut.verify(token)).toThrow(new InvalidTokenError('token expired'));
  });

  it('should refuse a token signed with another secret', () => {
    const other = new JwtCodec('another-secret-of-some-length', 3600);
    expect(() => sut.verify(other.sign('user-1').token)).toThrow('invalid token');
  });

  it('should refuse garbage and a token with a tampered payload', () => {
    expect(() => sut.verify('not.a.jwt')).toThrow(InvalidTokenError);
    const { token } = sut.sign('user-1');
    const [h, , s] = token.split('.');
    expect(() => sut.verify(`${h}.${b64({ sub: 'admin' })}.${s}`)).toThrow('invalid token');
  });

  it('should pin the algorithm and require issuer, audience, subject and expiry', () => {
    const claims = { sub: 'u', iss: 'fitness-user', aud: 'fitness', exp: now + 60 };
    expect(sut.verify(forge({ alg: 'HS256', typ: 'JWT' }, claims, secret)).userId).toBe('u');
    const refused = [
      forge({ alg: 'none', typ: 'JWT' }, claims, secret).replace(/[^.]+$/, ''),
      forge({ alg: 'HS512', typ: 'JWT' }, claims, secret),
      forge({ alg: 'HS256' }, { ...claims, iss: 'someone-else' }, secret),
      forge({ alg: 'HS256' }, { ...claims, aud: 'another-api' }, secret),
      forge({ alg: 'HS256' }, { iss: 'fitness-user', aud: 'fitness', exp: now + 60 }, secret),
      forge({ alg: 'HS256' }, { sub: 'u', iss: 'fitness-user', aud: 'fitness' }, secret),
    ];
    for (const token of refused) {
      expect(() => sut.verify(token)).toThrow(InvalidTokenError);
    }
  });

  it('should tolerate a few seconds of clock skew, not more', () => {
    const claims = { sub: 'u', iss: 'fitness-user', aud: 'fitness' };
    expect(() =>
      sut.verify(forge({ alg: 'HS256' }, { ...claims, exp: now - 2 }, secret)),
    ).not.toThrow();
    expect(() => sut.verify(forge({ alg: 'HS256' }, { ...claims, exp: now - 30 }, secret))).toThrow(
      'token expired',
    );
  });
});
