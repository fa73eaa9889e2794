import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { UserRequest } from '@fitness/common';
import { GoalService, type GoalMessage, type RecordWorkoutResult } from './goal.service.js';

@Controller()
export class GoalController {
  constructor(private readonly goals: GoalService) {}

  @GrpcMethod('UserService', 'CreateGoal')
  createGoal(req: UserRequest<'CreateGoal'>): Promise<GoalMessage> {
    return this.goals.create(req);
  }

  @GrpcMethod('UserService', 'ListGoals')
  async listGoals(req: UserRequest<'ListGoals'>): Promise<{ items: GoalMessage[] }> {
    return { items: await this.goals.list(req.user_id, req.status) };
  }

  @GrpcMethod('UserService', 'UpdateGoal')
  updateGoal(req: UserRequest<'UpdateGoal'>): Promise<GoalMessage> {
    return this.goals.update(req);
  }

  @GrpcMethod('UserService', 'DeleteGoal')
  async deleteGoal(req: UserRequest<'DeleteGoal'>): Promise<Record<string, never>> {
    await this.goals.delete(req);
    return {};
  }

  @GrpcMethod('UserService', 'ClaimGoalAlerts')
  async claimGoalAlerts(req: UserRequest<'ClaimGoalAlerts'>): Promise<{ items: GoalMessage[] }> {
    return { items: await this.goals.claimAlerts(req) };
  }

  @GrpcMethod('UserService', 'RecordWorkout')
  recordWorkout(req: UserRequest<'RecordWorkout'>): Promise<RecordWorkoutResult> {
    return this.goals.recordWorkout(req);
  }
}
