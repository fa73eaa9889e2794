import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  CORRELATION_METADATA,
  type ActivityServiceDefinition,
  type HandlerRequestOf,
} from '@fitness/common';
import { StatisticsService, type StatisticsMessage } from '../statistics/statistics.service.js';
import { WorkoutService, type WorkoutMessage, type WorkoutPage } from './workout.service.js';

type Req<K extends keyof ActivityServiceDefinition> = HandlerRequestOf<
  ActivityServiceDefinition,
  K
>;

@Controller()
export class WorkoutController {
  constructor(
    private readonly workouts: WorkoutService,
    private readonly statistics: StatisticsService,
  ) {}

  @GrpcMethod('ActivityService', 'StartWorkout')
  startWorkout(req: Req<'StartWorkout'>): Promise<WorkoutMessage> {
    return this.workouts.start(req);
  }

  @GrpcMethod('ActivityService', 'EndWorkout')
  endWorkout(req: Req<'EndWorkout'>, metadata: Metadata): Promise<WorkoutMessage> {
    return this.workouts.end(req, forwarded(metadata));
  }

  @GrpcMethod('ActivityService', 'ListWorkouts')
  listWorkouts(req: Req<'ListWorkouts'>): Promise<WorkoutPage> {
    return this.workouts.list(req);
  }

  @GrpcMethod('ActivityService', 'GetStatistics')
  getStatistics(req: Req<'GetStatistics'>): Promise<StatisticsMessage> {
    return this.statistics.get(req.user_id);
  }
}

/** Only the correlation id travels on to the user service. */
function forwarded(incoming: Metadata): Metadata {
  const out = incoming.clone();
  for (const key of Object.keys(out.getMap())) {
    if (key !== CORRELATION_METADATA) {
      out.remove(key);
    }
  }
  return out;
}
