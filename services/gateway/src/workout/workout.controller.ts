import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  PermissionDeniedError,
  type ActivityUpstream,
} from '@fitness/common';
import { CurrentUser } from '../auth/auth.decorators.js';
import { UuidParam } from '../http/validation.js';
import { ApiErrors, ApiUserIdParam, BODY_ERRORS, UPSTREAM_ERRORS } from '../http/api-docs.js';
import {
  EndWorkoutDto,
  EndedWorkoutDto,
  ListWorkoutsQuery,
  StartWorkoutDto,
  StartedWorkoutDto,
  WorkoutListDto,
  mapWorkout,
} from './workout.dto.js';

@ApiTags('workouts')
@ApiErrors(401, 403, ...UPSTREAM_ERRORS)
@Controller()
export class WorkoutController {
  constructor(@InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream) {}

  @Post('workouts/start')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start a workout session',
    description: 'For yourself only: user_id must be the id of the token.',
  })
  @ApiCreatedResponse({ type: StartedWorkoutDto, description: 'The started session' })
  @ApiErrors(...BODY_ERRORS)
  async start(
    @Body() dto: StartWorkoutDto,
    @CurrentUser() caller: string,
  ): Promise<StartedWorkoutDto> {
    if (dto.user_id !== caller) {
      throw new PermissionDeniedError('you can only start workouts for yourself');
    }
    const w = await this.activity.call('StartWorkout', dto);
    return { session_id: w.session_id, start_time: w.start_time };
  }

  @Post('workouts/:session_id/end')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End your workout session',
    description:
      'Computes duration (seconds) and calories (MET × weight_kg × hours, kcal), both to 2 decimals. end_time may not precede the start, lie more than 5 minutes ahead or more than 24 hours after the start; ending twice is 400 FAILED_PRECONDITION.',
  })
  @ApiParam({ name: 'session_id', format: 'uuid', description: 'the session_id of the start' })
  @ApiOkResponse({ type: EndedWorkoutDto, description: 'The ended session' })
  @ApiErrors(...BODY_ERRORS, 404)
  async end(
    @UuidParam('session_id') sessionId: string,
    @Body() dto: EndWorkoutDto,
    @CurrentUser() caller: string,
  ): Promise<EndedWorkoutDto> {
    const w = await this.activity.call('EndWorkout', {
      session_id: sessionId,
      user_id: caller,
      end_time: dto.end_time,
    });
    return {
      session_id: w.session_id,
      duration: w.duration ?? 0,
      calories_burned: w.calories_burned ?? 0,
    };
  }

  @Get('users/:user_id/workouts')
  @ApiOperation({
    summary: 'List your workouts',
    description: 'Newest first, paged: pass the next_cursor of a page to get the next one.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: WorkoutListDto, description: 'One page of your workouts' })
  @ApiErrors(400)
  async list(
    @Param('user_id') userId: string,
    @Query() query: ListWorkoutsQuery,
  ): Promise<WorkoutListDto> {
    const page = await this.activity.call('ListWorkouts', {
      user_id: userId,
      limit: query.limit ?? 0,
      cursor: query.cursor ?? '',
    });
    return {
      items: page.items.map(mapWorkout),
      ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
    };
  }
}
