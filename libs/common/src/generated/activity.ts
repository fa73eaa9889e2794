import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActivityServiceClient as _fitness_activity_v1_ActivityServiceClient, ActivityServiceDefinition as _fitness_activity_v1_ActivityServiceDefinition } from './fitness/activity/v1/ActivityService.js';
import type { EndWorkoutRequest as _fitness_activity_v1_EndWorkoutRequest, EndWorkoutRequest__Output as _fitness_activity_v1_EndWorkoutRequest__Output } from './fitness/activity/v1/EndWorkoutRequest.js';
import type { ExerciseUpdate as _fitness_activity_v1_ExerciseUpdate, ExerciseUpdate__Output as _fitness_activity_v1_ExerciseUpdate__Output } from './fitness/activity/v1/ExerciseUpdate.js';
import type { GetGroupSessionRequest as _fitness_activity_v1_GetGroupSessionRequest, GetGroupSessionRequest__Output as _fitness_activity_v1_GetGroupSessionRequest__Output } from './fitness/activity/v1/GetGroupSessionRequest.js';
import type { GetStatisticsRequest as _fitness_activity_v1_GetStatisticsRequest, GetStatisticsRequest__Output as _fitness_activity_v1_GetStatisticsRequest__Output } from './fitness/activity/v1/GetStatisticsRequest.js';
import type { GroupMessage as _fitness_activity_v1_GroupMessage, GroupMessage__Output as _fitness_activity_v1_GroupMessage__Output } from './fitness/activity/v1/GroupMessage.js';
import type { GroupParticipant as _fitness_activity_v1_GroupParticipant, GroupParticipant__Output as _fitness_activity_v1_GroupParticipant__Output } from './fitness/activity/v1/GroupParticipant.js';
import type { GroupSession as _fitness_activity_v1_GroupSession, GroupSession__Output as _fitness_activity_v1_GroupSession__Output } from './fitness/activity/v1/GroupSession.js';
import type { ListGroupSessionsRequest as _fitness_activity_v1_ListGroupSessionsRequest, ListGroupSessionsRequest__Output as _fitness_activity_v1_ListGroupSessionsRequest__Output } from './fitness/activity/v1/ListGroupSessionsRequest.js';
import type { ListGroupSessionsResponse as _fitness_activity_v1_ListGroupSessionsResponse, ListGroupSessionsResponse__Output as _fitness_activity_v1_ListGroupSessionsResponse__Output } from './fitness/activity/v1/ListGroupSessionsResponse.js';
import type { ListWorkoutsRequest as _fitness_activity_v1_ListWorkoutsRequest, ListWorkoutsRequest__Output as _fitness_activity_v1_ListWorkoutsRequest__Output } from './fitness/activity/v1/ListWorkoutsRequest.js';
import type { ListWorkoutsResponse as _fitness_activity_v1_ListWorkoutsResponse, ListWorkoutsResponse__Output as _fitness_activity_v1_ListWorkoutsResponse__Output } from './fitness/activity/v1/ListWorkoutsResponse.js';
import type { SaveGroupSessionResponse as _fitness_activity_v1_SaveGroupSessionResponse, SaveGroupSessionResponse__Output as _fitness_activity_v1_SaveGroupSessionResponse__Output } from './fitness/activity/v1/SaveGroupSessionResponse.js';
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
        ExerciseUpdate: MessageTypeDefinition<_fitness_activity_v1_ExerciseUpdate, _fitness_activity_v1_ExerciseUpdate__Output>
        GetGroupSessionRequest: MessageTypeDefinition<_fitness_activity_v1_GetGroupSessionRequest, _fitness_activity_v1_GetGroupSessionRequest__Output>
        GetStatisticsRequest: MessageTypeDefinition<_fitness_activity_v1_GetStatisticsRequest, _fitness_activity_v1_GetStatisticsRequest__Output>
        GroupMessage: MessageTypeDefinition<_fitness_activity_v1_GroupMessage, _fitness_activity_v1_GroupMessage__Output>
        GroupParticipant: MessageTypeDefinition<_fitness_activity_v1_GroupParticipant, _fitness_activity_v1_GroupParticipant__Output>
        GroupSession: MessageTypeDefinition<_fitness_activity_v1_GroupSession, _fitness_activity_v1_GroupSession__Output>
        ListGroupSessionsRequest: MessageTypeDefinition<_fitness_activity_v1_ListGroupSessionsRequest, _fitness_activity_v1_ListGroupSessionsRequest__Output>
        ListGroupSessionsResponse: MessageTypeDefinition<_fitness_activity_v1_ListGroupSessionsResponse, _fitness_activity_v1_ListGroupSessionsResponse__Output>
        ListWorkoutsRequest: MessageTypeDefinition<_fitness_activity_v1_ListWorkoutsRequest, _fitness_activity_v1_ListWorkoutsRequest__Output>
        ListWorkoutsResponse: MessageTypeDefinition<_fitness_activity_v1_ListWorkoutsResponse, _fitness_activity_v1_ListWorkoutsResponse__Output>
        SaveGroupSessionResponse: MessageTypeDefinition<_fitness_activity_v1_SaveGroupSessionResponse, _fitness_activity_v1_SaveGroupSessionResponse__Output>
        StartWorkoutRequest: MessageTypeDefinition<_fitness_activity_v1_StartWorkoutRequest, _fitness_activity_v1_StartWorkoutRequest__Output>
        Statistics: MessageTypeDefinition<_fitness_activity_v1_Statistics, _fitness_activity_v1_Statistics__Output>
        Workout: MessageTypeDefinition<_fitness_activity_v1_Workout, _fitness_activity_v1_Workout__Output>
      }
    }
  }
}

