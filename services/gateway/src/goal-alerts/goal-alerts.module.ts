import { Module } from '@nestjs/common';
import { SocketModule } from '../socket/socket.module.js';
import { GoalAlertsService } from './goal-alerts.service.js';

/** goal_achieved on every socket of the user, live or at the next connection, once. */
@Module({
  imports: [SocketModule],
  providers: [GoalAlertsService],
})
export class GoalAlertsModule {}
