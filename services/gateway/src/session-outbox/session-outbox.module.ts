import { Module } from '@nestjs/common';
import { OutboxStore } from './outbox.store.js';
import { SessionOutboxService } from './session-outbox.service.js';

/**
 * Finished group sessions on their way to the activity service: the Redis outbox (filled by the end
 * of a session), its delivery loop on every replica, and its dead letters.
 */
@Module({
  providers: [OutboxStore, SessionOutboxService],
  exports: [OutboxStore, SessionOutboxService],
})
export class SessionOutboxModule {}
