import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { ActivityRequest } from '@fitness/common';
import { WorkoutService, type WorkoutMessage, type WorkoutPage } from './workout.service.js';

@Controller()
export class WorkoutController {
  constructor(private readonly workouts: WorkoutService) {}

  @GrpcMethod('ActivityService', 'StartWorkout')
  startWorkout(req: ActivityRequest<'StartWorkout'>): Promise<WorkoutMessage> {
    return this.workouts.start(req);
  }

  @GrpcMethod('ActivityService', 'EndWorkout')
  endWorkout(req: ActivityRequest<'EndWorkout'>): Promise<WorkoutMessage> {
    return this.workouts.end(req);
  }

  @GrpcMethod('ActivityService', 'ImportWorkouts')
  importWorkouts(req: ActivityRequest<'ImportWorkouts'>): Promise<{ imported: number }> {
    return this.workouts.importWorkouts(req);
  }

  @GrpcMethod('ActivityService', 'ListWorkouts')
  listWorkouts(req: ActivityRequest<'ListWorkouts'>): Promise<WorkoutPage> {
    return this.workouts.list(req);
  }
}
