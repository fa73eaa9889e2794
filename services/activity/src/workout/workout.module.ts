import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CoordinationModule } from '../coordination/coordination.module.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { WorkoutCompletionService } from './workout-completion.service.js';
import { WorkoutController } from './workout.controller.js';
import { WorkoutRepository } from './workout.repository.js';
import { Workout, WorkoutSchema } from './workout.schema.js';
import { WorkoutService } from './workout.service.js';

/** Workouts: start, end (duration, calories), pages, and the follow-ups of every ended one. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Workout.name, schema: WorkoutSchema }]),
    CoordinationModule,
    StatisticsModule,
  ],
  controllers: [WorkoutController],
  providers: [WorkoutRepository, WorkoutService, WorkoutCompletionService],
  exports: [WorkoutService],
})
export class WorkoutModule {}
