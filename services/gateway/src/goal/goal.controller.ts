import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectUpstream, USER_UPSTREAM, type UserUpstream } from '@fitness/common';
import { CreateGoalDto, GoalDto, GoalListDto, mapGoal, mapGoalListItem } from './goal.dto.js';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('users/:user_id/goals')
export class GoalController {
  constructor(@InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Set a goal; progress counts workouts ended until target_date' })
  async create(@Param('user_id') userId: string, @Body() dto: CreateGoalDto): Promise<GoalDto> {
    return mapGoal(await this.users.call('CreateGoal', { user_id: userId, ...dto }));
  }

  @Get()
  @ApiOperation({ summary: 'Your goals with their progress, newest first' })
  async list(@Param('user_id') userId: string): Promise<GoalListDto> {
    const res = await this.users.call('ListGoals', { user_id: userId });
    return { items: res.items.map(mapGoalListItem) };
  }
}
