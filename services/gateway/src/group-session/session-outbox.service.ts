import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  PollLoop,
  errorMessage,
  isGrpcCallError,
  type ActivityUpstream,
} from '@fitness/common';
import type { FinishedSession } from './group-session.model.js';
import { DEAD_LETTER_KEY, OutboxStore } from './store/outbox.store.js';

const BATCH = 10;

/**
 * Delivers finished group sessions from the Redis outbox to the activity service. An item leaves
 * the outbox only after the activity service stored it; every replica runs this loop, and
 * SaveGroupSession is idempotent per session, so a session is never lost and never saved twice.
 * While the activity service is unreachable, rounds back off exponentially up to 30 s.
 */
@Injectable()
export class SessionOutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionOutboxService.name);
  private readonly loop = new PollLoop(() => this.drain(), {
    name: SessionOutboxService.name,
    intervalMs: 1000,
    minBackoffMs: 500,
    maxBackoffMs: 30_000,
  });

  constructor(
    private readonly outbox: OutboxStore,
    @InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(500);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Try now (a session just ended) instead of waiting for the next round. */
  kick(): void {
    this.loop.kick();
  }

  /** One round: delivers the oldest items in order; throws (and backs off) at the first failure. */
  private async drain(): Promise<void> {
    for (const item of await this.outbox.peek(BATCH)) {
      await this.deliver(item);
    }
  }

  private async deliver(item: string): Promise<void> {
    let session: FinishedSession;
    try {
      session = JSON.parse(item) as FinishedSession;
    } catch {
      this.logger.error(`unreadable outbox item moved to ${DEAD_LETTER_KEY}`);
      await this.outbox.deadLetter(item);
      return;
    }
    try {
      const res = await this.activity.call('SaveGroupSession', session);
      await this.outbox.remove(item);
      this.logger.log(
        `group session ${session.session_id} ${res.created ? 'saved' : 'was already saved'}`,
      );
    } catch (err) {
      if (isGrpcCallError(err) && err.code === status.INVALID_ARGUMENT) {
        // Retrying cannot fix it: set it aside (not lost) instead of blocking the queue.
        this.logger.error(
          `activity refused group session ${session.session_id}: ${err.details ?? ''}; moved to ${DEAD_LETTER_KEY}`,
        );
        await this.outbox.deadLetter(item);
        return;
      }
      throw new Error(
        `group session ${session.session_id} not delivered yet: ${errorMessage(err)}`,
        { cause: err },
      );
    }
  }
}
