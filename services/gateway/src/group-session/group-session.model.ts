import type {
  ChatMessage,
  ExerciseEntry,
  GroupSessionMeta,
  GroupSessionState,
  Member,
  Participant,
} from '@fitness/client';

// A live session is kept in Redis in the shape the Socket.IO acknowledgements carry it: the types
// of the client library, the one contract.
export type { ChatMessage, ExerciseEntry, Member, Participant };

/** A group session as kept in Redis while it lives (SessionStore). */
export type SessionMeta = GroupSessionMeta;

/** Its meta with members, participants, recent messages and the latest exercise entries. */
export type SessionSnapshot = GroupSessionState;

/** Finished session as queued for the activity service (the SaveGroupSession request). */
export interface FinishedSession {
  session_id: string;
  name: string;
  workout_type: string;
  creator_id: string;
  started_at: string;
  ended_at: string;
  participants: { user_id: string; username: string; joined_at: string; duration: number }[];
  messages: ChatMessage[];
  exercise_updates: ExerciseEntry[];
  /** Older messages left out of a very long log (the record's size limit). */
  messages_dropped: number;
}

/** Seconds a participant has spent in the session up to `now` (the current membership included). */
export function participationSeconds(p: Participant, now: Date): number {
  return p.since
    ? p.seconds + Math.max(0, (now.getTime() - Date.parse(p.since)) / 1000)
    : p.seconds;
}

/** The participant once their current membership (if any) is closed at `now`. */
export function closeParticipation(p: Participant, now: Date): Participant {
  if (!p.since) {
    return p;
  }
  const seconds = participationSeconds(p, now);
  return { user_id: p.user_id, username: p.username, joined_at: p.joined_at, seconds };
}
