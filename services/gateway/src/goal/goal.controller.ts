import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectUpstream, USER_UPSTREAM, type UserUpstream } from '@fitness/common';
import { ApiErrors, ApiUserIdParam, BODY_ERRORS, UPSTREAM_ERRORS } from '../http/api-docs.js';
import { CreateGoalDto, GoalDto, GoalListDto, mapGoal, mapGoalListItem } from './goal.dto.js';

@ApiTags('goals')
@ApiUserIdParam()
@ApiErrors(401, 403, ...UPSTREAM_ERRORS)
@Controller('users/:user_id/goals')
export class GoalController {
  constructor(@InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Set a goal',
    description:
      'Progress counts the workouts ended between the creation of the goal and its target_date; reaching the target raises one goal_achieved alert (Socket.IO).',
  })
  @ApiCreatedResponse({ type: GoalDto, description: 'The goal, with its progress so far' })
  @ApiErrors(...BODY_ERRORS)
  async create(@Param('user_id') userId: string, @Body() dto: CreateGoalDto): Promise<GoalDto> {
    return mapGoal(await this.users.call('CreateGoal', { user_id: userId, ...dto }));
  }

  @Get()
  @ApiOperation({
    summary: 'List your goals',
    description: 'Newest first, each with its progress and achieved_at once reached.',
  })
  @ApiOkResponse({ type: GoalListDto, description: 'Your goals' })
  async list(@Param('user_id') userId: string): Promise<GoalListDto> {
    const res = await this.users.call('ListGoals', { user_id: userId });
    return { items: res.items.map(mapGoalListItem) };
  }
}
