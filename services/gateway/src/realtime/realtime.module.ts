import { Module } from '@nestjs/common';
import { GoalAlertsService } from './goal-alerts.service.js';
import { GroupSessionController } from './group-session.controller.js';
import { GroupSessionService } from './group-session.service.js';
import { GroupSessionStore } from './group-session.store.js';
import { RealtimeEmitter } from './realtime.emitter.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SessionOutboxService } from './session-outbox.service.js';

@Module({
  controllers: [GroupSessionController],
  providers: [
    RealtimeGateway,
    RealtimeEmitter,
    GroupSessionStore,
    GroupSessionService,
    SessionOutboxService,
    GoalAlertsService,
  ],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
