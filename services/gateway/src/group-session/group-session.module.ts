import { Module } from '@nestjs/common';
import { SessionOutboxModule } from '../session-outbox/session-outbox.module.js';
import { SocketModule } from '../socket/socket.module.js';
import { GroupSessionController } from './group-session.controller.js';
import { GroupSessionGateway } from './group-session.gateway.js';
import { GroupSessionService } from './group-session.service.js';
import { SessionStore } from './store/session.store.js';
import { UserLimits } from './user-limits.js';

/** Live group sessions with chat over Socket.IO and their REST reads. */
@Module({
  imports: [SocketModule, SessionOutboxModule],
  controllers: [GroupSessionController],
  providers: [GroupSessionGateway, GroupSessionService, SessionStore, UserLimits],
})
export class GroupSessionModule {}
