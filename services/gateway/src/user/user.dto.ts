import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IfPresent, OptionalNumberIn } from '../http/fields.js';
import { IsSafeText } from '../http/safe-text.js';
import {
  EMAIL_MAX,
  HEIGHT_RANGE,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_PATTERN,
  USERNAME_RULE,
  WEIGHT_RANGE,
  type UserReply,
} from '@fitness/common';

export class RegisterDto {
  @ApiProperty({ example: 'alice', pattern: USERNAME_PATTERN.source })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  @IsSafeText()
  @IsString()
  username: string;

  @ApiProperty({ example: 'alice@example.com', maxLength: EMAIL_MAX })
  @MaxLength(EMAIL_MAX)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @IsSafeText()
  @IsString()
  email: string;

  @ApiProperty({
    example: 'correct horse battery',
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
  })
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  @IsSafeText()
  @IsString()
  password: string;
}

export class LoginDto {
  @ApiProperty({ example: 'alice@example.com' })
  @Length(1, EMAIL_MAX)
  @IsSafeText()
  @IsString()
  email: string;

  @ApiProperty({ example: 'correct horse battery' })
  @Length(1, PASSWORD_MAX)
  @IsSafeText()
  @IsString()
  password: string;
}

/** PATCH body: any subset of the fields; `null` is rejected rather than silently ignored. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'alice_runs' })
  @IfPresent()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  @IsSafeText()
  @IsString()
  username?: string;

  @OptionalNumberIn(WEIGHT_RANGE, 68.5)
  weight_kg?: number;

  @OptionalNumberIn(HEIGHT_RANGE, 172)
  height_cm?: number;

  @ApiPropertyOptional({
    description:
      'list you on the leaderboards under your username (false: others never see you there; you still see your own rank)',
  })
  @IfPresent()
  @IsBoolean({ message: 'leaderboard_visible must be true or false' })
  leaderboard_visible?: boolean;
}

export class RegisteredUserDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'JWT for Authorization: Bearer <token>' }) token: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
}

export class ProfileDto extends RegisteredUserDto {
  @ApiProperty({ type: Number, nullable: true }) weight_kg: number | null;
  @ApiProperty({ type: Number, nullable: true }) height_cm: number | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ description: 'listed on the leaderboards (false until you opt in)' })
  leaderboard_visible: boolean;
}

type UserMessage = UserReply<'GetUser'>;

export function mapRegistered(u: UserMessage): RegisteredUserDto {
  return { user_id: u.user_id, username: u.username, email: u.email };
}

export function mapProfile(u: UserMessage): ProfileDto {
  return {
    ...mapRegistered(u),
    weight_kg: u.weight_kg ?? null,
    height_cm: u.height_cm ?? null,
    created_at: u.created_at,
    leaderboard_visible: u.leaderboard_visible ?? false,
  };
}
