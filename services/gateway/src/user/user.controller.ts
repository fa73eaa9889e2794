import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProfileCache } from '@fitness/common';
import { Public } from '../auth/auth.decorators.js';
import { grpcMetadata } from '../common/correlation.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { USER_CLIENT, type UserClient } from '../upstream/upstream.module.js';
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
    @Inject(USER_CLIENT) private readonly users: UserClient,
    private readonly profiles: ProfileCache,
  ) {}

  @Public()
  @RateLimit('register')
  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account' })
  async register(@Body() dto: RegisterDto, @Req() req: FastifyRequest): Promise<RegisteredUserDto> {
    return mapRegistered(await this.users.call('Register', dto, { metadata: grpcMetadata(req) }));
  }

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a token' })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResponseDto> {
    const res = await this.users.call('Login', dto, { metadata: grpcMetadata(req) });
    return { token: res.token, user_id: res.user_id };
  }

  @Get(':user_id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Read your profile' })
  async get(@Param('user_id') userId: string, @Req() req: FastifyRequest): Promise<ProfileDto> {
    // Straight from the shared cache when the user service has put it there (no gRPC, no SQL).
    const cached = await this.profiles.get(userId);
    return mapProfile(
      cached ??
        (await this.users.call('GetUser', { user_id: userId }, { metadata: grpcMetadata(req) })),
    );
  }

  @Patch(':user_id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change username, weight_kg or height_cm' })
  async update(
    @Param('user_id') userId: string,
    @Body() dto: UpdateProfileDto,
    @Req() req: FastifyRequest,
  ): Promise<ProfileDto> {
    const res = await this.users.call(
      'UpdateUser',
      { user_id: userId, ...dto },
      { metadata: grpcMetadata(req) },
    );
    return mapProfile(res);
  }
}
