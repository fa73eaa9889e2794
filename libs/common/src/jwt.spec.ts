import { describe, expect, it } from '@jest/globals';
import { InvalidTokenError, JwtCodec } from './jwt.js';

describe(JwtCodec.name, () => {
  const sut = new JwtCodec('a-secret-of-sufficient-length', 3600);

  it('should verify a token it signed and return the user id', async () => {
    const { token, expiresAt } = await sut.sign('user-1');
    await expect(sut.verify(token)).resolves.toBe('user-1');
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 3590_000);
  });

  it('should refuse an expired token with a clear message', async () => {
    const { token } = await sut.sign('user-1', new Date(Date.now() - 7200_000));
    await expect(sut.verify(token)).rejects.toThrow(new InvalidTokenError('token expired'));
  });

  it('should refuse a token signed with another secret', async () => {
    const other = new JwtCodec('another-secret-of-some-length', 3600);
    const { token } = await other.sign('user-1');
    await expect(sut.verify(token)).rejects.toThrow('invalid token');
  });

  it('should refuse garbage and a token with a tampered payload', async () => {
    await expect(sut.verify('not.a.jwt')).rejects.toBeInstanceOf(InvalidTokenError);
    const { token } = await sut.sign('user-1');
    const [h, , s] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url');
    await expect(sut.verify(`${h}.${payload}.${s}`)).rejects.toThrow('invalid token');
  });
});
