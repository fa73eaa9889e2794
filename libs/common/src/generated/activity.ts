import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActivityServiceClient as _fitness_activity_v1_ActivityServiceClient, ActivityServiceDefinition as _fitness_activity_v1_ActivityServiceDefinition } from './fitness/activity/v1/ActivityService.js';
import type { EndWorkoutRequest as _fitness_activity_v1_EndWorkoutRequest, EndWorkoutRequest__Output as _fitness_activity_v1_EndWorkoutRequest__Output } from './fitness/activity/v1/EndWorkoutRequest.js';
import type { GetStatisticsRequest as _fitness_activity_v1_GetStatisticsRequest, GetStatisticsRequest__Output as _fitness_activity_v1_GetStatisticsRequest__Output } from './fitness/activity/v1/GetStatisticsRequest.js';
import type { ListWorkoutsRequest as _fitness_activity_v1_ListWorkoutsRequest, ListWorkoutsRequest__Output as _fitness_activity_v1_ListWorkoutsRequest__Output } from './fitness/activity/v1/ListWorkoutsRequest.js';
import type { ListWorkoutsResponse as _fitness_activity_v1_ListWorkoutsResponse, ListWorkoutsResponse__Output as _fitness_activity_v1_ListWorkoutsResponse__Output } from './fitness/activity/v1/ListWorkoutsResponse.js';
import type { StartWorkoutRequest as _fitness_activity_v1_StartWorkoutRequest, StartWorkoutRequest__Output as _fitness_activity_v1_StartWorkoutRequest__Output } from './fitness/activity/v1/StartWorkoutRequest.js';
import type { Statistics as _fitness_activity_v1_Statistics, Statistics__Output as _fitness_activity_v1_Statistics__Output } from './fitness/activity/v1/Statistics.js';
import type { Workout as _fitness_activity_v1_Workout, Workout__Output as _fitness_activity_v1_Workout__Output } from './fitness/activity/v1/Workout.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fitness: {
    activity: {
      v1: {
        ActivityService: SubtypeConstructor<typeof grpc.Client, _fitness_activity_v1_ActivityServiceClient> & { service: _fitness_activity_v1_ActivityServiceDefinition }
        EndWorkoutRequest: MessageTypeDefinition<_fitness_activity_v1_EndWorkoutRequest, _fitness_activity_v1_EndWorkoutRequest__Output>
        GetStatisticsRequest: MessageTypeDefinition<_fitness_activity_v1_GetStatisticsRequest, _fitness_activity_v1_GetStatisticsRequest__Output>
        ListWorkoutsRequest: MessageTypeDefinition<_fitness_activity_v1_ListWorkoutsRequest, _fitness_activity_v1_ListWorkoutsRequest__Output>
        ListWorkoutsResponse: MessageTypeDefinition<_fitness_activity_v1_ListWorkoutsResponse, _fitness_activity_v1_ListWorkoutsResponse__Output>
        StartWorkoutRequest: MessageTypeDefinition<_fitness_activity_v1_StartWorkoutRequest, _fitness_activity_v1_StartWorkoutRequest__Output>
        Statistics: MessageTypeDefinition<_fitness_activity_v1_Statistics, _fitness_activity_v1_Statistics__Output>
        Workout: MessageTypeDefinition<_fitness_activity_v1_Workout, _fitness_activity_v1_Workout__Output>
      }
    }
  }
}

