import {
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WORKOUT_TYPE_PATTERN, WORKOUT_TYPE_RULE } from '@fitness/common';

export const MESSAGE_MAX = 1000;

export class CreateGroupSessionDto {
  @Matches(WORKOUT_TYPE_PATTERN, { message: WORKOUT_TYPE_RULE })
  @IsString()
  workout_type: string;

  @IsOptional()
  @Length(1, 80)
  @IsString()
  name?: string;
}

export class JoinGroupSessionDto {
  @MaxLength(64)
  @IsString()
  user_id: string;

  @MaxLength(64)
  @IsString()
  session_id: string;
}

export class SessionRefDto {
  @MaxLength(64)
  @IsString()
  session_id: string;
}

export class SendMessageDto extends JoinGroupSessionDto {
  @Length(1, MESSAGE_MAX, { message: `message must be 1 to ${MESSAGE_MAX} characters` })
  @IsString()
  message: string;
}

export class ExerciseUpdateDto {
  @MaxLength(64)
  @IsString()
  session_id: string;

  @Length(1, 64)
  @IsString()
  exercise: string;

  @Max(1_000_000)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @Length(1, 16)
  @IsString()
  unit: string;
}
