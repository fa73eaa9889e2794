import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectUpstream, ProfileCache, USER_UPSTREAM, type UserUpstream } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';
import { ApiErrors, ApiUserIdParam, BODY_ERRORS, UPSTREAM_ERRORS } from '../http/api-docs.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import {
  LoginDto,
  LoginResponseDto,
  ProfileDto,
  RegisterDto,
  RegisteredUserDto,
  UpdateProfileDto,
  mapProfile,
  mapRegistered,
} from './user.dto.js';

@ApiTags('users')
@ApiErrors(...UPSTREAM_ERRORS)
@Controller('users')
export class UserController {
  constructor(
    @InjectUpstream(USER_UPSTREAM) private readonly users: UserUpstream,
    private readonly profiles: ProfileCache,
  ) {}

  @Public()
  @RateLimit('register')
  @Post('register')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create an account',
    description: 'Limited per client IP (RATE_LIMIT_REGISTER_PER_IP a minute).',
  })
  @ApiCreatedResponse({ type: RegisteredUserDto, description: 'The new account' })
  @ApiErrors(...BODY_ERRORS, 409, 429)
  async register(@Body() dto: RegisterDto): Promise<RegisteredUserDto> {
    return mapRegistered(await this.users.call('Register', dto));
  }

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange email and password for a token',
    description:
      'One 401 for a wrong password and an unknown email. Limited per account and per client IP.',
  })
  @ApiOkResponse({ type: LoginResponseDto, description: 'The bearer token and your user_id' })
  @ApiErrors(...BODY_ERRORS, 401, 429)
  async login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    const res = await this.users.call('Login', dto);
    return { token: res.token, user_id: res.user_id };
  }

  @Get(':user_id')
  @ApiOperation({
    summary: 'Read your profile',
    description: 'Answered from the shared Redis cache when the profile is there.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: ProfileDto, description: 'Your profile' })
  @ApiErrors(401, 403, 404)
  async get(@Param('user_id') userId: string): Promise<ProfileDto> {
    // Straight from the shared cache when the user service has put it there (no gRPC, no SQL).
    const cached = await this.profiles.get(userId);
    return mapProfile(cached ?? (await this.users.call('GetUser', { user_id: userId })));
  }

  @Patch(':user_id')
  @ApiOperation({
    summary: 'Change username, weight_kg, height_cm or leaderboard_visible',
    description:
      'Any subset of the fields; the weight is used for the calories of later workouts, leaderboard_visible decides whether others see you on the leaderboards.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: ProfileDto, description: 'The updated profile' })
  @ApiErrors(...BODY_ERRORS, 401, 403, 404, 409)
  async update(
    @Param('user_id') userId: string,
    @Body() dto: UpdateProfileDto,
  ): Promise<ProfileDto> {
    return mapProfile(await this.users.call('UpdateUser', { user_id: userId, ...dto }));
  }
}
