import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'fitness-user';
const AUDIENCE = 'fitness';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * HS256 tokens signed by the user service and checked by the gateway. The secret is turned into a
 * KeyObject once: handing libraries the raw string makes every verification re-parse it.
 */
export class JwtCodec {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async sign(userId: string, now = new Date()): Promise<IssuedToken> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the user id, or throws InvalidTokenError with a message safe to show the client. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
        throw new InvalidTokenError('token has no subject');
      }
      return payload.sub;
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        throw err;
      }
      if (err instanceof errors.JWTExpired) {
        throw new InvalidTokenError('token expired');
      }
      throw new InvalidTokenError('invalid token');
    }
  }
}

export class InvalidTokenError extends Error {}
