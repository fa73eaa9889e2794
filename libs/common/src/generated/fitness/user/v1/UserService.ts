// Original file: proto/user.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClaimGoalAlertsRequest as _fitness_user_v1_ClaimGoalAlertsRequest, ClaimGoalAlertsRequest__Output as _fitness_user_v1_ClaimGoalAlertsRequest__Output } from '../../../fitness/user/v1/ClaimGoalAlertsRequest.js';
import type { CreateGoalRequest as _fitness_user_v1_CreateGoalRequest, CreateGoalRequest__Output as _fitness_user_v1_CreateGoalRequest__Output } from '../../../fitness/user/v1/CreateGoalRequest.js';
import type { GetUserRequest as _fitness_user_v1_GetUserRequest, GetUserRequest__Output as _fitness_user_v1_GetUserRequest__Output } from '../../../fitness/user/v1/GetUserRequest.js';
import type { Goal as _fitness_user_v1_Goal, Goal__Output as _fitness_user_v1_Goal__Output } from '../../../fitness/user/v1/Goal.js';
import type { ListGoalsRequest as _fitness_user_v1_ListGoalsRequest, ListGoalsRequest__Output as _fitness_user_v1_ListGoalsRequest__Output } from '../../../fitness/user/v1/ListGoalsRequest.js';
import type { ListGoalsResponse as _fitness_user_v1_ListGoalsResponse, ListGoalsResponse__Output as _fitness_user_v1_ListGoalsResponse__Output } from '../../../fitness/user/v1/ListGoalsResponse.js';
import type { LoginRequest as _fitness_user_v1_LoginRequest, LoginRequest__Output as _fitness_user_v1_LoginRequest__Output } from '../../../fitness/user/v1/LoginRequest.js';
import type { LoginResponse as _fitness_user_v1_LoginResponse, LoginResponse__Output as _fitness_user_v1_LoginResponse__Output } from '../../../fitness/user/v1/LoginResponse.js';
import type { RecordWorkoutRequest as _fitness_user_v1_RecordWorkoutRequest, RecordWorkoutRequest__Output as _fitness_user_v1_RecordWorkoutRequest__Output } from '../../../fitness/user/v1/RecordWorkoutRequest.js';
import type { RecordWorkoutResponse as _fitness_user_v1_RecordWorkoutResponse, RecordWorkoutResponse__Output as _fitness_user_v1_RecordWorkoutResponse__Output } from '../../../fitness/user/v1/RecordWorkoutResponse.js';
import type { RegisterRequest as _fitness_user_v1_RegisterRequest, RegisterRequest__Output as _fitness_user_v1_RegisterRequest__Output } from '../../../fitness/user/v1/RegisterRequest.js';
import type { UpdateUserRequest as _fitness_user_v1_UpdateUserRequest, UpdateUserRequest__Output as _fitness_user_v1_UpdateUserRequest__Output } from '../../../fitness/user/v1/UpdateUserRequest.js';
import type { User as _fitness_user_v1_User, User__Output as _fitness_user_v1_User__Output } from '../../../fitness/user/v1/User.js';

export interface UserServiceClient extends grpc.Client {
  ClaimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ClaimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ClaimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ClaimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  claimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  claimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  claimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  claimGoalAlerts(argument: _fitness_user_v1_ClaimGoalAlertsRequest, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  
  CreateGoal(argument: _fitness_user_v1_CreateGoalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  CreateGoal(argument: _fitness_user_v1_CreateGoalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  CreateGoal(argument: _fitness_user_v1_CreateGoalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  CreateGoal(argument: _fitness_user_v1_CreateGoalRequest, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  createGoal(argument: _fitness_user_v1_CreateGoalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  createGoal(argument: _fitness_user_v1_CreateGoalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  createGoal(argument: _fitness_user_v1_CreateGoalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  createGoal(argument: _fitness_user_v1_CreateGoalRequest, callback: grpc.requestCallback<_fitness_user_v1_Goal__Output>): grpc.ClientUnaryCall;
  
  GetUser(argument: _fitness_user_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _fitness_user_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _fitness_user_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _fitness_user_v1_GetUserRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _fitness_user_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _fitness_user_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _fitness_user_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _fitness_user_v1_GetUserRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  
  ListGoals(argument: _fitness_user_v1_ListGoalsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ListGoals(argument: _fitness_user_v1_ListGoalsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ListGoals(argument: _fitness_user_v1_ListGoalsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  ListGoals(argument: _fitness_user_v1_ListGoalsRequest, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  listGoals(argument: _fitness_user_v1_ListGoalsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  listGoals(argument: _fitness_user_v1_ListGoalsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  listGoals(argument: _fitness_user_v1_ListGoalsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  listGoals(argument: _fitness_user_v1_ListGoalsRequest, callback: grpc.requestCallback<_fitness_user_v1_ListGoalsResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _fitness_user_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _fitness_user_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _fitness_user_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _fitness_user_v1_LoginRequest, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _fitness_user_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _fitness_user_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _fitness_user_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _fitness_user_v1_LoginRequest, callback: grpc.requestCallback<_fitness_user_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  RecordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  RecordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  RecordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  RecordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  recordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  recordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  recordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  recordWorkout(argument: _fitness_user_v1_RecordWorkoutRequest, callback: grpc.requestCallback<_fitness_user_v1_RecordWorkoutResponse__Output>): grpc.ClientUnaryCall;
  
  Register(argument: _fitness_user_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  Register(argument: _fitness_user_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  Register(argument: _fitness_user_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  Register(argument: _fitness_user_v1_RegisterRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  register(argument: _fitness_user_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  register(argument: _fitness_user_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  register(argument: _fitness_user_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  register(argument: _fitness_user_v1_RegisterRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  
  UpdateUser(argument: _fitness_user_v1_UpdateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _fitness_user_v1_UpdateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _fitness_user_v1_UpdateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _fitness_user_v1_UpdateUserRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _fitness_user_v1_UpdateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _fitness_user_v1_UpdateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _fitness_user_v1_UpdateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _fitness_user_v1_UpdateUserRequest, callback: grpc.requestCallback<_fitness_user_v1_User__Output>): grpc.ClientUnaryCall;
  
}

export interface UserServiceHandlers extends grpc.UntypedServiceImplementation {
  ClaimGoalAlerts: grpc.handleUnaryCall<_fitness_user_v1_ClaimGoalAlertsRequest__Output, _fitness_user_v1_ListGoalsResponse>;
  
  CreateGoal: grpc.handleUnaryCall<_fitness_user_v1_CreateGoalRequest__Output, _fitness_user_v1_Goal>;
  
  GetUser: grpc.handleUnaryCall<_fitness_user_v1_GetUserRequest__Output, _fitness_user_v1_User>;
  
  ListGoals: grpc.handleUnaryCall<_fitness_user_v1_ListGoalsRequest__Output, _fitness_user_v1_ListGoalsResponse>;
  
  Login: grpc.handleUnaryCall<_fitness_user_v1_LoginRequest__Output, _fitness_user_v1_LoginResponse>;
  
  RecordWorkout: grpc.handleUnaryCall<_fitness_user_v1_RecordWorkoutRequest__Output, _fitness_user_v1_RecordWorkoutResponse>;
  
  Register: grpc.handleUnaryCall<_fitness_user_v1_RegisterRequest__Output, _fitness_user_v1_User>;
  
  UpdateUser: grpc.handleUnaryCall<_fitness_user_v1_UpdateUserRequest__Output, _fitness_user_v1_User>;
  
}

export interface UserServiceDefinition extends grpc.ServiceDefinition {
  ClaimGoalAlerts: MethodDefinition<_fitness_user_v1_ClaimGoalAlertsRequest, _fitness_user_v1_ListGoalsResponse, _fitness_user_v1_ClaimGoalAlertsRequest__Output, _fitness_user_v1_ListGoalsResponse__Output>
  CreateGoal: MethodDefinition<_fitness_user_v1_CreateGoalRequest, _fitness_user_v1_Goal, _fitness_user_v1_CreateGoalRequest__Output, _fitness_user_v1_Goal__Output>
  GetUser: MethodDefinition<_fitness_user_v1_GetUserRequest, _fitness_user_v1_User, _fitness_user_v1_GetUserRequest__Output, _fitness_user_v1_User__Output>
  ListGoals: MethodDefinition<_fitness_user_v1_ListGoalsRequest, _fitness_user_v1_ListGoalsResponse, _fitness_user_v1_ListGoalsRequest__Output, _fitness_user_v1_ListGoalsResponse__Output>
  Login: MethodDefinition<_fitness_user_v1_LoginRequest, _fitness_user_v1_LoginResponse, _fitness_user_v1_LoginRequest__Output, _fitness_user_v1_LoginResponse__Output>
  RecordWorkout: MethodDefinition<_fitness_user_v1_RecordWorkoutRequest, _fitness_user_v1_RecordWorkoutResponse, _fitness_user_v1_RecordWorkoutRequest__Output, _fitness_user_v1_RecordWorkoutResponse__Output>
  Register: MethodDefinition<_fitness_user_v1_RegisterRequest, _fitness_user_v1_User, _fitness_user_v1_RegisterRequest__Output, _fitness_user_v1_User__Output>
  UpdateUser: MethodDefinition<_fitness_user_v1_UpdateUserRequest, _fitness_user_v1_User, _fitness_user_v1_UpdateUserRequest__Output, _fitness_user_v1_User__Output>
}
