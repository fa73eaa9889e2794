// Original file: proto/activity.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EndWorkoutRequest as _fitness_activity_v1_EndWorkoutRequest, EndWorkoutRequest__Output as _fitness_activity_v1_EndWorkoutRequest__Output } from '../../../fitness/activity/v1/EndWorkoutRequest.js';
import type { GetStatisticsRequest as _fitness_activity_v1_GetStatisticsRequest, GetStatisticsRequest__Output as _fitness_activity_v1_GetStatisticsRequest__Output } from '../../../fitness/activity/v1/GetStatisticsRequest.js';
import type { ListWorkoutsRequest as _fitness_activity_v1_ListWorkoutsRequest, ListWorkoutsRequest__Output as _fitness_activity_v1_ListWorkoutsRequest__Output } from '../../../fitness/activity/v1/ListWorkoutsRequest.js';
import type { ListWorkoutsResponse as _fitness_activity_v1_ListWorkoutsResponse, ListWorkoutsResponse__Output as _fitness_activity_v1_ListWorkoutsResponse__Output } from '../../../fitness/activity/v1/ListWorkoutsResponse.js';
import type { StartWorkoutRequest as _fitness_activity_v1_StartWorkoutRequest, StartWorkoutRequest__Output as _fitness_activity_v1_StartWorkoutRequest__Output } from '../../../fitness/activity/v1/StartWorkoutRequest.js';
import type { Statistics as _fitness_activity_v1_Statistics, Statistics__Output as _fitness_activity_v1_Statistics__Output } from '../../../fitness/activity/v1/Statistics.js';
import type { Workout as _fitness_activity_v1_Workout, Workout__Output as _fitness_activity_v1_Workout__Output } from '../../../fitness/activity/v1/Workout.js';

export interface ActivityServiceClient extends grpc.Client {
  EndWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  EndWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  EndWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  EndWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  endWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  endWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  endWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  endWorkout(argument: _fitness_activity_v1_EndWorkoutRequest, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  
  StartWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  StartWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  StartWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  StartWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  startWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  startWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  startWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  startWorkout(argument: _fitness_activity_v1_StartWorkoutRequest, callback: grpc.requestCallback<_fitness_activity_v1_Workout__Output>): grpc.ClientUnaryCall;
  
}

export interface ActivityServiceHandlers extends grpc.UntypedServiceImplementation {
  EndWorkout: grpc.handleUnaryCall<_fitness_activity_v1_EndWorkoutRequest__Output, _fitness_activity_v1_Workout>;
  
  GetStatistics: grpc.handleUnaryCall<_fitness_activity_v1_GetStatisticsRequest__Output, _fitness_activity_v1_Statistics>;
  
  ListWorkouts: grpc.handleUnaryCall<_fitness_activity_v1_ListWorkoutsRequest__Output, _fitness_activity_v1_ListWorkoutsResponse>;
  
  StartWorkout: grpc.handleUnaryCall<_fitness_activity_v1_StartWorkoutRequest__Output, _fitness_activity_v1_Workout>;
  
}

export interface ActivityServiceDefinition extends grpc.ServiceDefinition {
  EndWorkout: MethodDefinition<_fitness_activity_v1_EndWorkoutRequest, _fitness_activity_v1_Workout, _fitness_activity_v1_EndWorkoutRequest__Output, _fitness_activity_v1_Workout__Output>
  GetStatistics: MethodDefinition<_fitness_activity_v1_GetStatisticsRequest, _fitness_activity_v1_Statistics, _fitness_activity_v1_GetStatisticsRequest__Output, _fitness_activity_v1_Statistics__Output>
  ListWorkouts: MethodDefinition<_fitness_activity_v1_ListWorkoutsRequest, _fitness_activity_v1_ListWorkoutsResponse, _fitness_activity_v1_ListWorkoutsRequest__Output, _fitness_activity_v1_ListWorkoutsResponse__Output>
  StartWorkout: MethodDefinition<_fitness_activity_v1_StartWorkoutRequest, _fitness_activity_v1_Workout, _fitness_activity_v1_StartWorkoutRequest__Output, _fitness_activity_v1_Workout__Output>
}
