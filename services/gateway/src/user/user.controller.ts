import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectUpstream, ProfileCache, USER_UPSTREAM, type UserUpstream } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';
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
  @ApiOperation({ summary: 'Create an account' })
  async register(@Body() dto: RegisterDto): Promise<RegisteredUserDto> {
    return mapRegistered(await this.users.call('Register', dto));
  }

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a token' })
  async login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    const res = await this.users.call('Login', dto);
    return { token: res.token, user_id: res.user_id };
  }

  @Get(':user_id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Read your profile' })
  async get(@Param('user_id') userId: string): Promise<ProfileDto> {
    // Straight from the shared cache when the user service has put it there (no gRPC, no SQL).
    const cached = await this.profiles.get(userId);
    return mapProfile(cached ?? (await this.users.call('GetUser', { user_id: userId })));
  }

  @Patch(':user_id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change username, weight_kg or height_cm' })
  async update(
    @Param('user_id') userId: string,
    @Body() dto: UpdateProfileDto,
  ): Promise<ProfileDto> {
    return mapProfile(await this.users.call('UpdateUser', { user_id: userId, ...dto }));
  }
}
