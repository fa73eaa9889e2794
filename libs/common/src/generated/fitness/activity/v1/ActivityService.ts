// Original file: proto/activity.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EndWorkoutRequest as _fitness_activity_v1_EndWorkoutRequest, EndWorkoutRequest__Output as _fitness_activity_v1_EndWorkoutRequest__Output } from '../../../fitness/activity/v1/EndWorkoutRequest.js';
import type { GetGroupSessionRequest as _fitness_activity_v1_GetGroupSessionRequest, GetGroupSessionRequest__Output as _fitness_activity_v1_GetGroupSessionRequest__Output } from '../../../fitness/activity/v1/GetGroupSessionRequest.js';
import type { GetStatisticsRequest as _fitness_activity_v1_GetStatisticsRequest, GetStatisticsRequest__Output as _fitness_activity_v1_GetStatisticsRequest__Output } from '../../../fitness/activity/v1/GetStatisticsRequest.js';
import type { GroupSession as _fitness_activity_v1_GroupSession, GroupSession__Output as _fitness_activity_v1_GroupSession__Output } from '../../../fitness/activity/v1/GroupSession.js';
import type { ListGroupSessionsRequest as _fitness_activity_v1_ListGroupSessionsRequest, ListGroupSessionsRequest__Output as _fitness_activity_v1_ListGroupSessionsRequest__Output } from '../../../fitness/activity/v1/ListGroupSessionsRequest.js';
import type { ListGroupSessionsResponse as _fitness_activity_v1_ListGroupSessionsResponse, ListGroupSessionsResponse__Output as _fitness_activity_v1_ListGroupSessionsResponse__Output } from '../../../fitness/activity/v1/ListGroupSessionsResponse.js';
import type { ListWorkoutsRequest as _fitness_activity_v1_ListWorkoutsRequest, ListWorkoutsRequest__Output as _fitness_activity_v1_ListWorkoutsRequest__Output } from '../../../fitness/activity/v1/ListWorkoutsRequest.js';
import type { ListWorkoutsResponse as _fitness_activity_v1_ListWorkoutsResponse, ListWorkoutsResponse__Output as _fitness_activity_v1_ListWorkoutsResponse__Output } from '../../../fitness/activity/v1/ListWorkoutsResponse.js';
import type { SaveGroupSessionResponse as _fitness_activity_v1_SaveGroupSessionResponse, SaveGroupSessionResponse__Output as _fitness_activity_v1_SaveGroupSessionResponse__Output } from '../../../fitness/activity/v1/SaveGroupSessionResponse.js';
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
  
  GetGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  GetGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  GetGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  GetGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  getGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  getGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  getGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  getGroupSession(argument: _fitness_activity_v1_GetGroupSessionRequest, callback: grpc.requestCallback<_fitness_activity_v1_GroupSession__Output>): grpc.ClientUnaryCall;
  
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  GetStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  getStatistics(argument: _fitness_activity_v1_GetStatisticsRequest, callback: grpc.requestCallback<_fitness_activity_v1_Statistics__Output>): grpc.ClientUnaryCall;
  
  ListGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  listGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  listGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  listGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  listGroupSessions(argument: _fitness_activity_v1_ListGroupSessionsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListGroupSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  listWorkouts(argument: _fitness_activity_v1_ListWorkoutsRequest, callback: grpc.requestCallback<_fitness_activity_v1_ListWorkoutsResponse__Output>): grpc.ClientUnaryCall;
  
  SaveGroupSession(argument: _fitness_activity_v1_GroupSession, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  SaveGroupSession(argument: _fitness_activity_v1_GroupSession, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  SaveGroupSession(argument: _fitness_activity_v1_GroupSession, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  SaveGroupSession(argument: _fitness_activity_v1_GroupSession, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  saveGroupSession(argument: _fitness_activity_v1_GroupSession, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  saveGroupSession(argument: _fitness_activity_v1_GroupSession, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  saveGroupSession(argument: _fitness_activity_v1_GroupSession, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  saveGroupSession(argument: _fitness_activity_v1_GroupSession, callback: grpc.requestCallback<_fitness_activity_v1_SaveGroupSessionResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  GetGroupSession: grpc.handleUnaryCall<_fitness_activity_v1_GetGroupSessionRequest__Output, _fitness_activity_v1_GroupSession>;
  
  GetStatistics: grpc.handleUnaryCall<_fitness_activity_v1_GetStatisticsRequest__Output, _fitness_activity_v1_Statistics>;
  
  ListGroupSessions: grpc.handleUnaryCall<_fitness_activity_v1_ListGroupSessionsRequest__Output, _fitness_activity_v1_ListGroupSessionsResponse>;
  
  ListWorkouts: grpc.handleUnaryCall<_fitness_activity_v1_ListWorkoutsRequest__Output, _fitness_activity_v1_ListWorkoutsResponse>;
  
  SaveGroupSession: grpc.handleUnaryCall<_fitness_activity_v1_GroupSession__Output, _fitness_activity_v1_SaveGroupSessionResponse>;
  
  StartWorkout: grpc.handleUnaryCall<_fitness_activity_v1_StartWorkoutRequest__Output, _fitness_activity_v1_Workout>;
  
}

export interface ActivityServiceDefinition extends grpc.ServiceDefinition {
  EndWorkout: MethodDefinition<_fitness_activity_v1_EndWorkoutRequest, _fitness_activity_v1_Workout, _fitness_activity_v1_EndWorkoutRequest__Output, _fitness_activity_v1_Workout__Output>
  GetGroupSession: MethodDefinition<_fitness_activity_v1_GetGroupSessionRequest, _fitness_activity_v1_GroupSession, _fitness_activity_v1_GetGroupSessionRequest__Output, _fitness_activity_v1_GroupSession__Output>
  GetStatistics: MethodDefinition<_fitness_activity_v1_GetStatisticsRequest, _fitness_activity_v1_Statistics, _fitness_activity_v1_GetStatisticsRequest__Output, _fitness_activity_v1_Statistics__Output>
  ListGroupSessions: MethodDefinition<_fitness_activity_v1_ListGroupSessionsRequest, _fitness_activity_v1_ListGroupSessionsResponse, _fitness_activity_v1_ListGroupSessionsRequest__Output, _fitness_activity_v1_ListGroupSessionsResponse__Output>
  ListWorkouts: MethodDefinition<_fitness_activity_v1_ListWorkoutsRequest, _fitness_activity_v1_ListWorkoutsResponse, _fitness_activity_v1_ListWorkoutsRequest__Output, _fitness_activity_v1_ListWorkoutsResponse__Output>
  SaveGroupSession: MethodDefinition<_fitness_activity_v1_GroupSession, _fitness_activity_v1_SaveGroupSessionResponse, _fitness_activity_v1_GroupSession__Output, _fitness_activity_v1_SaveGroupSessionResponse__Output>
  StartWorkout: MethodDefinition<_fitness_activity_v1_StartWorkoutRequest, _fitness_activity_v1_Workout, _fitness_activity_v1_StartWorkoutRequest__Output, _fitness_activity_v1_Workout__Output>
}
