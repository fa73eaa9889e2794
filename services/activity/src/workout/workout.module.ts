import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
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
    ]),
  ],
  controllers: [WorkoutController],
  providers: [
    userClientProvider,
    WorkoutRepository,
    WorkoutService,
    WorkoutCompletionService,
    StatisticsRepository,
    StatisticsService,
  ],
})
export class WorkoutModule {}
