import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { InjectUpstream, USER_UPSTREAM, type UserUpstream } from '@fitness/common';
import { ApiErrors, ApiUserIdParam, BODY_ERRORS, UPSTREAM_ERRORS } from '../http/api-docs.js';
import { UuidParam } from '../http/validation.js';
import {
  CreateGoalDto,
  GoalDto,
  GoalListDto,
  GoalListItemDto,
  GoalListQuery,
  UpdateGoalDto,
  mapGoal,
  mapGoalListItem,
} from './goal.dto.js';

const GOAL_ID_PARAM = ApiParam({ name: 'goal_id', format: 'uuid', description: 'the goal_id' });

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
      'Progress counts the workouts (of workout_type, if given) ended between the creation of the goal and its target_date; a week or month goal counts each period afresh. Reaching the target raises one goal_achieved alert (Socket.IO) per period.',
  })
  @ApiCreatedResponse({ type: GoalDto, description: 'The goal, with its progress so far' })
  @ApiErrors(...BODY_ERRORS)
  async create(@Param('user_id') userId: string, @Body() dto: CreateGoalDto): Promise<GoalDto> {
    return mapGoal(await this.users.call('CreateGoal', { user_id: userId, ...dto }));
  }

  @Get()
  @ApiOperation({
    summary: 'List your goals',
    description:
      'Newest first, each with its progress (in the current period, if recurring) and achieved_at once reached.',
  })
  @ApiOkResponse({ type: GoalListDto, description: 'Your goals' })
  @ApiErrors(400)
  async list(
    @Param('user_id') userId: string,
    @Query() query: GoalListQuery,
  ): Promise<GoalListDto> {
    const res = await this.users.call('ListGoals', { user_id: userId, status: query.status });
    return { items: res.items.map(mapGoalListItem) };
  }

  @Patch(':goal_id')
  @ApiOperation({
    summary: 'Change a goal’s target_value or target_date',
    description:
      'Either or both. Progress so far is kept; a target already reached by it raises goal_achieved.',
  })
  @GOAL_ID_PARAM
  @ApiOkResponse({ type: GoalListItemDto, description: 'The changed goal' })
  @ApiErrors(...BODY_ERRORS, 404)
  async update(
    @Param('user_id') userId: string,
    @UuidParam('goal_id') goalId: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalListItemDto> {
    return mapGoalListItem(
      await this.users.call('UpdateGoal', { user_id: userId, goal_id: goalId, ...dto }),
    );
  }

  @Delete(':goal_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a goal', description: 'With its progress and pending alerts.' })
  @GOAL_ID_PARAM
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(
    @Param('user_id') userId: string,
    @UuidParam('goal_id') goalId: string,
  ): Promise<void> {
    await this.users.call('DeleteGoal', { user_id: userId, goal_id: goalId });
  }
}
