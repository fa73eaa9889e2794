import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CoordinationRecord, CoordinationSchema } from '../coordination/coordination.schema.js';
import { CoordinationService } from '../coordination/coordination.service.js';
import { GroupSessionController } from '../group-session/group-session.controller.js';
import { GroupSessionRepository } from '../group-session/group-session.repository.js';
import { GroupSessionRecord, GroupSessionSchema } from '../group-session/group-session.schema.js';
import { GroupSessionService } from '../group-session/group-session.service.js';
import { StatisticsRepository } from '../statistics/statistics.repository.js';
import { UserStatistics, UserStatisticsSchema } from '../statistics/statistics.schema.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { userClientProvider } from '../upstream/user.client.js';
import { WorkoutCompletionService } from './workout-completion.service.js';
import { WorkoutController } from './workout.controller.js';
import { WorkoutRepository } from './workout.repository.js';
import { Workout, WorkoutSchema } from './workout.schema.js';
import { WorkoutService } from './workout.service.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Workout.name, schema: WorkoutSchema },
      { name: UserStatistics.name, schema: UserStatisticsSchema },
      { name: GroupSessionRecord.name, schema: GroupSessionSchema },
      { name: CoordinationRecord.name, schema: CoordinationSchema },
    ]),
  ],
  controllers: [WorkoutController, GroupSessionController],
  providers: [
    userClientProvider,
    WorkoutRepository,
    WorkoutService,
    WorkoutCompletionService,
    StatisticsRepository,
    StatisticsService,
    GroupSessionRepository,
    GroupSessionService,
    CoordinationService,
  ],
})
export class WorkoutModule {}
