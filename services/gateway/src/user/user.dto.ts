import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
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

const FINITE = { allowNaN: false, allowInfinity: false } as const;

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
  @ValidateIf((o: UpdateProfileDto) => o.username !== undefined)
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  @IsSafeText()
  @IsString()
  username?: string;

  @ApiPropertyOptional({ example: 68.5, minimum: WEIGHT_RANGE.min, maximum: WEIGHT_RANGE.max })
  @ValidateIf((o: UpdateProfileDto) => o.weight_kg !== undefined)
  @Min(WEIGHT_RANGE.min)
  @Max(WEIGHT_RANGE.max)
  @IsNumber(FINITE)
  weight_kg?: number;

  @ApiPropertyOptional({ example: 172, minimum: HEIGHT_RANGE.min, maximum: HEIGHT_RANGE.max })
  @ValidateIf((o: UpdateProfileDto) => o.height_cm !== undefined)
  @Min(HEIGHT_RANGE.min)
  @Max(HEIGHT_RANGE.max)
  @IsNumber(FINITE)
  height_cm?: number;

  @ApiPropertyOptional({
    description:
      'list you on the leaderboards under your username (false: others never see you there; you still see your own rank)',
  })
  @ValidateIf((o: UpdateProfileDto) => o.leaderboard_visible !== undefined)
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
