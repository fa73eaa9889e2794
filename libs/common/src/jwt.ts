import { TokenError, createSigner, createVerifier } from 'fast-jwt';

const ISSUER = 'fitness-user';
const AUDIENCE = 'fitness';
/** Tolerated clock skew between the user service that signs and the gateway that checks. */
const CLOCK_TOLERANCE_MS = 5000;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface VerifiedToken {
  userId: string;
  expiresAt: Date;
}

/**
 * The API's bearer tokens: HS256, signed by the user service, checked by the gateway on every
 * request and socket handshake. fast-jwt (what @fastify/jwt builds on) verifies synchronously
 * with node:crypto's HMAC and caches verified tokens until their expiry: the check costs
 * microseconds. The algorithm is pinned, issuer, audience and expiry are required.
 */
export class JwtCodec {
  private readonly signer: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => { sub?: unknown; exp?: unknown };

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.signer = createSigner({
      key: secret,
      algorithm: 'HS256',
      iss: ISSUER,
      aud: AUDIENCE,
      noTimestamp: true,
    });
    this.verifier = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iss', 'aud'],
      clockTolerance: CLOCK_TOLERANCE_MS,
      cache: 10_000,
    });
  }

  sign(userId: string, now = new Date()): IssuedToken {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    return { token: this.signer({ sub: userId, iat, exp }), expiresAt: new Date(exp * 1000) };
  }

  /** The token's user and expiry, or InvalidTokenError with a message safe to show the client. */
  verify(token: string): VerifiedToken {
    let payload: { sub?: unknown; exp?: unknown };
    try {
      payload = this.verifier(token);
    } catch (err) {
      if (err instanceof TokenError && err.code === TokenError.codes.expired) {
        throw new InvalidTokenError('token expired');
      }
      throw new InvalidTokenError('invalid token');
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new InvalidTokenError('token has no subject');
    }
    return { userId: payload.sub, expiresAt: new Date(Number(payload.exp) * 1000) };
  }
}

export class InvalidTokenError extends Error {}
