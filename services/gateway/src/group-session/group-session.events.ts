import { IsNumber, IsUUID, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsSafeText } from '../http/safe-text.js';
import type {
  CreateGroupSessionPayload,
  ExerciseUpdatePayload,
  JoinGroupSessionPayload,
  SendMessagePayload,
  SessionRefPayload,
} from '@fitness/client';
import { WORKOUT_TYPE_PATTERN, WORKOUT_TYPE_RULE } from '@fitness/common';

// The payloads of the client → server events, as @fitness/client declares them, with their rules.

export const MESSAGE_MAX = 1000;

export class CreateGroupSessionDto implements CreateGroupSessionPayload {
  @Matches(WORKOUT_TYPE_PATTERN, { message: WORKOUT_TYPE_RULE })
  @IsSafeText()
  @IsString()
  workout_type: string;

  @IsOptional()
  @Length(1, 80)
  @IsSafeText()
  @IsString()
  name?: string;
}

export class JoinGroupSessionDto implements JoinGroupSessionPayload {
  @IsUUID('all', { message: 'user_id must be a UUID' })
  @IsSafeText()
  @IsString()
  user_id: string;

  @IsUUID('all', { message: 'session_id must be a UUID' })
  @IsSafeText()
  @IsString()
  session_id: string;
}

export class SessionRefDto implements SessionRefPayload {
  @IsUUID('all', { message: 'session_id must be a UUID' })
  @IsSafeText()
  @IsString()
  session_id: string;
}

export class SendMessageDto extends JoinGroupSessionDto implements SendMessagePayload {
  @Length(1, MESSAGE_MAX, { message: `message must be 1 to ${MESSAGE_MAX} characters` })
  @IsSafeText({ multiline: true })
  @IsString()
  message: string;
}

export class ExerciseUpdateDto implements ExerciseUpdatePayload {
  @IsUUID('all', { message: 'session_id must be a UUID' })
  @IsSafeText()
  @IsString()
  session_id: string;

  @Length(1, 64)
  @IsSafeText()
  @IsString()
  exercise: string;

  @Max(1_000_000)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @Length(1, 16)
  @IsSafeText()
  @IsString()
  unit: string;
}
