import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { isServiceError } from '@fitness/common';
import { ACTIVITY_CLIENT, type ActivityClient } from '../upstream/upstream.module.js';
import { DEAD_LETTER_KEY, GroupSessionStore, type FinishedSession } from './group-session.store.js';

const BATCH = 10;
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * Delivers finished group sessions from the Redis outbox to the activity service. An item leaves
 * the outbox only after the activity service stored it; every replica runs this loop, and
 * SaveGroupSession is idempotent per session, so a session is never lost and never saved twice.
 * While the activity service is unreachable, attempts back off exponentially up to 30 s.
 */
@Injectable()
export class SessionOutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionOutboxService.name);
  private timer?: NodeJS.Timeout;
  private delay = MIN_DELAY_MS;
  private running = false;
  private stopped = false;

  constructor(
    private readonly store: GroupSessionStore,
    @Inject(ACTIVITY_CLIENT) private readonly activity: ActivityClient,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(MIN_DELAY_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Try now (a session just ended) instead of waiting for the next round. */
  kick(): void {
    this.delay = MIN_DELAY_MS;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), ms);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    let failed = false;
    try {
      for (const item of await this.store.outbox(BATCH)) {
        if (!(await this.deliver(item))) {
          failed = true;
          break;
        }
      }
    } catch (err) {
      failed = true;
      this.logger.warn(
        `outbox unreadable (Redis?): ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      this.running = false;
    }
    this.delay = failed ? Math.min(this.delay * 2, MAX_DELAY_MS) : MIN_DELAY_MS;
    this.schedule(failed ? this.delay : MIN_DELAY_MS * 2);
  }

  /** True when the item is done with (stored, or unusable and set aside). */
  private async deliver(item: string): Promise<boolean> {
    let session: FinishedSession;
    try {
      session = JSON.parse(item) as FinishedSession;
    } catch {
      this.logger.error(`unreadable outbox item moved to ${DEAD_LETTER_KEY}`);
      await this.store.deadLetter(item);
      return true;
    }
    try {
      const res = await this.activity.call('SaveGroupSession', session);
      await this.store.removeFromOutbox(item);
      this.logger.log(
        `group session ${session.session_id} ${res.created ? 'saved' : 'was already saved'}`,
      );
      return true;
    } catch (err) {
      if (isServiceError(err) && err.code === status.INVALID_ARGUMENT) {
        // Retrying cannot fix it: set it aside (not lost) instead of blocking the queue.
        this.logger.error(
          `activity refused group session ${session.session_id}: ${err.details ?? ''}; moved to ${DEAD_LETTER_KEY}`,
        );
        await this.store.deadLetter(item);
        return true;
      }
      this.logger.warn(
        `group session ${session.session_id} not delivered yet (retry in ${Math.min(this.delay * 2, MAX_DELAY_MS)} ms): ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
  }
}
