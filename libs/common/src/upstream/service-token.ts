import { createSigner, createVerifier } from 'fast-jwt';
import { UnauthenticatedError } from '../errors/domain-errors.js';

/** gRPC metadata key of the internal credential. */
export const SERVICE_TOKEN_METADATA = 'authorization';
const AUDIENCE = 'fitness-internal';
const TTL_MS = 5 * 60_000;
/** A token is renewed this long before it expires, so none in flight expires on the way. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Which service may call which: the gateway calls user and activity, activity calls user. A
 * service refuses a valid credential of any other caller (the same graph as the NetworkPolicies).
 */
export const ALLOWED_CALLERS: Readonly<Record<string, readonly string[]>> = {
  user: ['gateway', 'activity'],
  activity: ['gateway'],
};

/**
 * The internal credential of service-to-service calls: a short-lived HS256 token naming the
 * calling service, signed with INTERNAL_TOKEN_SECRET (shared by the services, never by clients).
 * Every gRPC call carries one; every service checks it (bar grpc.health.v1, which Kubernetes'
 * native probes call bare) and answers UNAUTHENTICATED without it.
 */
export class ServiceTokenSigner {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private token = '';
  private renewAt = 0;

  constructor(secret: string, caller: string) {
    this.sign = createSigner({
      key: secret,
      algorithm: 'HS256',
      iss: caller,
      sub: caller,
      aud: AUDIENCE,
      expiresIn: TTL_MS,
    });
  }

  /** `Bearer <token>`, the same one until shortly before it expires. */
  current(now = Date.now()): string {
    if (now >= this.renewAt) {
      this.token = `Bearer ${this.sign({})}`;
      this.renewAt = now + TTL_MS - RENEW_BEFORE_MS;
    }
    return this.token;
  }
}

export class ServiceTokenVerifier {
  private readonly verify: (token: string) => { iss?: unknown };

  constructor(secret: string, service: string) {
    const callers = ALLOWED_CALLERS[service] ?? [];
    this.verify = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedAud: AUDIENCE,
      allowedIss: [...callers],
      requiredClaims: ['exp', 'iss'],
      clockTolerance: 5000,
      // A verified token is checked once, then remembered until its expiry.
      cache: 1000,
    });
  }

  /** The calling service's name; UNAUTHENTICATED without a valid credential of an allowed caller. */
  caller(header: unknown): string {
    const token =
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) {
      throw new UnauthenticatedError('a service credential is required');
    }
    try {
      return String(this.verify(token).iss);
    } catch {
      throw new UnauthenticatedError('the service credential is not valid here');
    }
  }
}
