import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { errorMessage } from '../errors/domain-errors.js';
import type { User, User__Output } from '../generated/fitness/user/v1/User.js';
import { REDIS } from './redis.token.js';

/** A profile as the user service's gRPC API returns it (GetUser), cached as its JSON. */
export type CachedProfile = User__Output;

/** The one key schema of the profile cache, shared by the user service and the gateway. */
export function profileCacheKey(userId: string): string {
  return `profile:v1:${userId}`;
}

export const PROFILE_CACHE_TTL_DEFAULT_S = 300;
const lookups = new Counter({
  name: 'profile_cache_lookups_total',
  help: 'Profile cache reads by result: hit, miss, or unavailable (Redis away or slow)',
  labelNames: ['result'] as const,
});

/** A cache that answers slower than this is treated as down: the caller asks the database. */
const REDIS_TIMEOUT_MS = 250;

/**
 * Cache-aside profile cache in Redis. Never throws: with Redis away every read is a miss and every
 * write a no-op, so callers fall back to the user service and PostgreSQL (slower, still correct).
 *
 * An invalidation that fails while Redis is unreachable is remembered and retried as soon as the
 * connection is back, before the stale entry could outlive the outage by more than that reconnect;
 * the TTL bounds what a crash in between could leave behind.
 */
@Injectable()
export class ProfileCache implements OnModuleDestroy {
  private readonly logger = new Logger(ProfileCache.name);
  private readonly ttlSeconds: number;
  private readonly pendingInvalidations = new Set<string>();
  private warned = false;
  private readonly onReady = (): void => void this.flushInvalidations();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ConfigService) config: ConfigService,
  ) {
    // Only the user service writes, so only it validates PROFILE_CACHE_TTL_S.
    this.ttlSeconds = config.get<number>('PROFILE_CACHE_TTL_S') ?? PROFILE_CACHE_TTL_DEFAULT_S;
    this.redis.on('ready', this.onReady);
  }

  onModuleDestroy(): void {
    this.redis.off('ready', this.onReady);
  }

  async get(userId: string): Promise<CachedProfile | undefined> {
    try {
      const raw = await this.withTimeout(this.redis.get(profileCacheKey(userId)));
      this.warned = false;
      const profile = raw ? parseProfile(raw) : undefined;
      lookups.inc({ result: profile ? 'hit' : 'miss' });
      return profile;
    } catch (err) {
      lookups.inc({ result: 'unavailable' });
      this.warnOnce('read', err);
      return undefined;
    }
  }

  async set(profile: User): Promise<void> {
    if (!profile.user_id || this.pendingInvalidations.has(profile.user_id)) {
      // Its invalidation has not reached Redis yet: writing now could resurrect an older copy.
      return;
    }
    try {
      await this.withTimeout(
        this.redis.set(
          profileCacheKey(profile.user_id),
          JSON.stringify(profile),
          'EX',
          this.ttlSeconds,
        ),
      );
      this.warned = false;
    } catch (err) {
      this.warnOnce('write', err);
    }
  }

  /** Call after every committed change of the profile. */
  async invalidate(userId: string): Promise<void> {
    try {
      await this.withTimeout(this.redis.del(profileCacheKey(userId)));
      this.pendingInvalidations.delete(userId);
      this.warned = false;
    } catch (err) {
      this.pendingInvalidations.add(userId);
      this.warnOnce('invalidate', err);
    }
  }

  /** Invalidations still waiting for Redis (for tests and diagnostics). */
  get pending(): number {
    return this.pendingInvalidations.size;
  }

  async flushInvalidations(): Promise<void> {
    if (this.pendingInvalidations.size === 0) {
      return;
    }
    const ids = [...this.pendingInvalidations];
    try {
      await this.withTimeout(this.redis.del(...ids.map(profileCacheKey)));
      for (const id of ids) {
        this.pendingInvalidations.delete(id);
      }
      this.logger.log(`redis is back: ${ids.length} pending profile invalidation(s) applied`);
    } catch (err) {
      this.warnOnce('invalidate', err);
    }
  }

  private withTimeout<T>(command: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('redis timed out')), REDIS_TIMEOUT_MS);
    });
    return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
  }

  /** One warning per outage, not one per request. */
  private warnOnce(what: string, err: unknown): void {
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(
        `profile cache ${what} failed, using the database until redis answers: ${errorMessage(err)}`,
      );
    }
  }
}

function parseProfile(raw: string): CachedProfile | undefined {
  try {
    const value = JSON.parse(raw) as Partial<CachedProfile> | null;
    return value && typeof value.user_id === 'string' && typeof value.created_at === 'string'
      ? (value as CachedProfile)
      : undefined;
  } catch {
    return undefined;
  }
}
