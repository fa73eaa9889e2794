import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { grpcMetadata } from '../common/correlation.js';
import { USER_CLIENT, type UserClient } from '../upstream/upstream.module.js';
import { CreateGoalDto, GoalDto, GoalListDto, mapGoal, mapGoalListItem } from './goal.dto.js';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('users/:user_id/goals')
export class GoalController {
  constructor(@Inject(USER_CLIENT) private readonly users: UserClient) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Set a goal; progress counts workouts ended until target_date' })
  async create(
    @Param('user_id') userId: string,
    @Body() dto: CreateGoalDto,
    @Req() req: FastifyRequest,
  ): Promise<GoalDto> {
    const goal = await this.users.call(
      'CreateGoal',
      { user_id: userId, ...dto },
      { metadata: grpcMetadata(req) },
    );
    return mapGoal(goal);
  }

  @Get()
  @ApiOperation({ summary: 'Your goals with their progress, newest first' })
  async list(@Param('user_id') userId: string, @Req() req: FastifyRequest): Promise<GoalListDto> {
    const res = await this.users.call(
      'ListGoals',
      { user_id: userId },
      { metadata: grpcMetadata(req) },
    );
    return { items: res.items.map(mapGoalListItem) };
  }
}
