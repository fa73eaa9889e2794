import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { round2, type ActivityReply } from '@fitness/common';
import {
  participationSeconds,
  type ChatMessage,
  type ExerciseEntry,
  type FinishedSession,
  type SessionMeta,
  type SessionSnapshot,
} from './group-session.model.js';

class ParticipantDto {
  @ApiProperty() user_id: string;
  @ApiProperty() username: string;
  @ApiProperty({ format: 'date-time' }) joined_at: string;
  @ApiProperty({ description: 'seconds in the session so far' }) duration: number;
}

class MessageDto {
  @ApiProperty() user_id: string;
  @ApiProperty() username: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time' }) sent_at: string;
}

class ExerciseDto {
  @ApiProperty() user_id: string;
  @ApiProperty() exercise: string;
  @ApiProperty() value: number;
  @ApiProperty() unit: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class GroupSessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) session_id: string;
  @ApiProperty() name: string;
  @ApiProperty() workout_type: string;
  @ApiProperty() creator_id: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ended_at: string | null;
}

export class GroupSessionDto extends GroupSessionSummaryDto {
  @ApiProperty({
    type: [String],
    description: 'user_ids of the current members (empty once ended)',
  })
  members: string[];
  @ApiProperty({ type: [ParticipantDto] }) participants: ParticipantDto[];
  @ApiProperty({ type: [MessageDto], description: 'live: the recent messages; ended: all' })
  messages: MessageDto[];
  @ApiProperty({ type: [ExerciseDto], description: 'live: the latest per member; ended: all' })
  exercise_updates: ExerciseDto[];
  @ApiPropertyOptional({
    description:
      'ended only: older messages left out of a very long chat log (the record keeps the newest)',
  })
  messages_dropped?: number;
  @ApiPropertyOptional({
    description:
      'ended only: true once the activity service has stored the record, false while it waits in the outbox',
  })
  saved?: boolean;
}

export class GroupSessionListDto {
  @ApiProperty({ type: [GroupSessionSummaryDto] }) items: GroupSessionSummaryDto[];
}

type SavedSession = ActivityReply<'GetGroupSession'>;

export function summary(
  m: Pick<
    SessionMeta,
    'session_id' | 'name' | 'workout_type' | 'creator_id' | 'started_at' | 'status'
  > & { ended_at?: string },
): GroupSessionSummaryDto {
  return {
    session_id: m.session_id,
    name: m.name,
    workout_type: m.workout_type,
    creator_id: m.creator_id,
    status: m.status,
    started_at: m.started_at,
    ended_at: m.ended_at ?? null,
  };
}

export function fromLive(s: SessionSnapshot, now = new Date()): GroupSessionDto {
  const end = s.ended_at ? new Date(s.ended_at) : now;
  return {
    ...summary(s),
    members: s.status === 'active' ? s.members.map((m) => m.user_id) : [],
    participants: s.participants.map((p) => ({
      user_id: p.user_id,
      username: p.username,
      joined_at: p.joined_at,
      duration: round2(participationSeconds(p, end)),
    })),
    messages: s.recent_messages.map((m: ChatMessage) => ({ ...m })),
    exercise_updates: s.exercise.map((e: ExerciseEntry) => ({ ...e })),
  };
}

/** An ended session's record: stored by the activity service, or still queued for it. */
export function fromRecord(r: SavedSession | FinishedSession): GroupSessionDto {
  return {
    ...summary({ ...r, status: 'ended' }),
    members: [],
    participants: r.participants.map((p) => ({ ...p })),
    messages: r.messages.map((m) => ({ ...m })),
    exercise_updates: r.exercise_updates.map((e) => ({ ...e })),
    messages_dropped: r.messages_dropped,
  };
}
