import { Module } from '@nestjs/common';
import { SocketModule } from '../socket/socket.module.js';
import { GroupSessionController } from './group-session.controller.js';
import { GroupSessionGateway } from './group-session.gateway.js';
import { GroupSessionService } from './group-session.service.js';
import { SessionOutboxService } from './session-outbox.service.js';
import { OutboxStore } from './store/outbox.store.js';
import { SessionStore } from './store/session.store.js';
import { UserLimits } from './user-limits.js';

/** Live group sessions with chat over Socket.IO, their REST reads, and their delivery once ended. */
@Module({
  imports: [SocketModule],
  controllers: [GroupSessionController],
  providers: [
    GroupSessionGateway,
    GroupSessionService,
    SessionStore,
    OutboxStore,
    SessionOutboxService,
    UserLimits,
  ],
})
export class GroupSessionModule {}
