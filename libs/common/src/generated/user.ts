import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClaimGoalAlertsRequest as _fitness_user_v1_ClaimGoalAlertsRequest, ClaimGoalAlertsRequest__Output as _fitness_user_v1_ClaimGoalAlertsRequest__Output } from './fitness/user/v1/ClaimGoalAlertsRequest.js';
import type { CreateGoalRequest as _fitness_user_v1_CreateGoalRequest, CreateGoalRequest__Output as _fitness_user_v1_CreateGoalRequest__Output } from './fitness/user/v1/CreateGoalRequest.js';
import type { GetUserRequest as _fitness_user_v1_GetUserRequest, GetUserRequest__Output as _fitness_user_v1_GetUserRequest__Output } from './fitness/user/v1/GetUserRequest.js';
import type { Goal as _fitness_user_v1_Goal, Goal__Output as _fitness_user_v1_Goal__Output } from './fitness/user/v1/Goal.js';
import type { ListGoalsRequest as _fitness_user_v1_ListGoalsRequest, ListGoalsRequest__Output as _fitness_user_v1_ListGoalsRequest__Output } from './fitness/user/v1/ListGoalsRequest.js';
import type { ListGoalsResponse as _fitness_user_v1_ListGoalsResponse, ListGoalsResponse__Output as _fitness_user_v1_ListGoalsResponse__Output } from './fitness/user/v1/ListGoalsResponse.js';
import type { LoginRequest as _fitness_user_v1_LoginRequest, LoginRequest__Output as _fitness_user_v1_LoginRequest__Output } from './fitness/user/v1/LoginRequest.js';
import type { LoginResponse as _fitness_user_v1_LoginResponse, LoginResponse__Output as _fitness_user_v1_LoginResponse__Output } from './fitness/user/v1/LoginResponse.js';
import type { RecordWorkoutRequest as _fitness_user_v1_RecordWorkoutRequest, RecordWorkoutRequest__Output as _fitness_user_v1_RecordWorkoutRequest__Output } from './fitness/user/v1/RecordWorkoutRequest.js';
import type { RecordWorkoutResponse as _fitness_user_v1_RecordWorkoutResponse, RecordWorkoutResponse__Output as _fitness_user_v1_RecordWorkoutResponse__Output } from './fitness/user/v1/RecordWorkoutResponse.js';
import type { RegisterRequest as _fitness_user_v1_RegisterRequest, RegisterRequest__Output as _fitness_user_v1_RegisterRequest__Output } from './fitness/user/v1/RegisterRequest.js';
import type { UpdateUserRequest as _fitness_user_v1_UpdateUserRequest, UpdateUserRequest__Output as _fitness_user_v1_UpdateUserRequest__Output } from './fitness/user/v1/UpdateUserRequest.js';
import type { User as _fitness_user_v1_User, User__Output as _fitness_user_v1_User__Output } from './fitness/user/v1/User.js';
import type { UserServiceClient as _fitness_user_v1_UserServiceClient, UserServiceDefinition as _fitness_user_v1_UserServiceDefinition } from './fitness/user/v1/UserService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fitness: {
    user: {
      v1: {
        ClaimGoalAlertsRequest: MessageTypeDefinition<_fitness_user_v1_ClaimGoalAlertsRequest, _fitness_user_v1_ClaimGoalAlertsRequest__Output>
        CreateGoalRequest: MessageTypeDefinition<_fitness_user_v1_CreateGoalRequest, _fitness_user_v1_CreateGoalRequest__Output>
        GetUserRequest: MessageTypeDefinition<_fitness_user_v1_GetUserRequest, _fitness_user_v1_GetUserRequest__Output>
        Goal: MessageTypeDefinition<_fitness_user_v1_Goal, _fitness_user_v1_Goal__Output>
        ListGoalsRequest: MessageTypeDefinition<_fitness_user_v1_ListGoalsRequest, _fitness_user_v1_ListGoalsRequest__Output>
        ListGoalsResponse: MessageTypeDefinition<_fitness_user_v1_ListGoalsResponse, _fitness_user_v1_ListGoalsResponse__Output>
        LoginRequest: MessageTypeDefinition<_fitness_user_v1_LoginRequest, _fitness_user_v1_LoginRequest__Output>
        LoginResponse: MessageTypeDefinition<_fitness_user_v1_LoginResponse, _fitness_user_v1_LoginResponse__Output>
        RecordWorkoutRequest: MessageTypeDefinition<_fitness_user_v1_RecordWorkoutRequest, _fitness_user_v1_RecordWorkoutRequest__Output>
        RecordWorkoutResponse: MessageTypeDefinition<_fitness_user_v1_RecordWorkoutResponse, _fitness_user_v1_RecordWorkoutResponse__Output>
        RegisterRequest: MessageTypeDefinition<_fitness_user_v1_RegisterRequest, _fitness_user_v1_RegisterRequest__Output>
        UpdateUserRequest: MessageTypeDefinition<_fitness_user_v1_UpdateUserRequest, _fitness_user_v1_UpdateUserRequest__Output>
        User: MessageTypeDefinition<_fitness_user_v1_User, _fitness_user_v1_User__Output>
        UserService: SubtypeConstructor<typeof grpc.Client, _fitness_user_v1_UserServiceClient> & { service: _fitness_user_v1_UserServiceDefinition }
      }
    }
  }
}

