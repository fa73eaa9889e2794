import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@fitness/common';

/** Finished sessions waiting for the activity service (pushed by SessionStore's end script). */
export const OUTBOX_KEY = 'gs:v1:outbox';
/** Records the activity service refused as invalid: kept for a human, never silently dropped. */
export const DEAD_LETTER_KEY = 'gs:v1:outbox:dead';

/** The Redis outbox of finished group sessions, shared by every replica. */
@Injectable()
export class OutboxStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** The oldest `count` items, oldest first. */
  peek(count: number): Promise<string[]> {
    return this.redis.lrange(OUTBOX_KEY, 0, count - 1);
  }

  async remove(item: string): Promise<void> {
    await this.redis.lrem(OUTBOX_KEY, 1, item);
  }

  async deadLetter(item: string): Promise<void> {
    await this.redis.multi().lrem(OUTBOX_KEY, 1, item).rpush(DEAD_LETTER_KEY, item).exec();
  }
}
