import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { HandlerRequestOf, UserServiceDefinition } from '@fitness/common';
import { GoalService, type GoalMessage, type RecordWorkoutResult } from './goal.service.js';

type Req<K extends keyof UserServiceDefinition> = HandlerRequestOf<UserServiceDefinition, K>;

@Controller()
export class GoalController {
  constructor(private readonly goals: GoalService) {}

  @GrpcMethod('UserService', 'CreateGoal')
  createGoal(req: Req<'CreateGoal'>): Promise<GoalMessage> {
    return this.goals.create(req);
  }

  @GrpcMethod('UserService', 'ListGoals')
  async listGoals(req: Req<'ListGoals'>): Promise<{ items: GoalMessage[] }> {
    return { items: await this.goals.list(req.user_id) };
  }

  @GrpcMethod('UserService', 'ClaimGoalAlerts')
  async claimGoalAlerts(req: Req<'ClaimGoalAlerts'>): Promise<{ items: GoalMessage[] }> {
    return { items: await this.goals.claimAlerts(req) };
  }

  @GrpcMethod('UserService', 'RecordWorkout')
  recordWorkout(req: Req<'RecordWorkout'>): Promise<RecordWorkoutResult> {
    return this.goals.recordWorkout(req);
  }
}
