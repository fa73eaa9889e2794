import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

// The Socket.IO contract of the gateway (README "Real time"): what each client → server event
// takes and acknowledges, and what the server sends. The gateway types its handlers and emits with
// these same interfaces, so the two sides cannot drift apart unnoticed.

/** A refused event: the same code and message as the REST error for the same failure. */
export interface AckFailure {
  ok: false;
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

/** An event's acknowledgement: `{ok: true, ...answer}` or `{ok: false, error}`. */
export type Ack<T extends object = Record<never, never>> =
  ({ ok: true; error?: undefined } & T) | AckFailure;

export interface Member {
  user_id: string;
  username: string;
}

export interface Participant extends Member {
  /** First join. */
  joined_at: string;
  /** Seconds of membership already closed by a leave. */
  seconds: number;
  /** Start of the current membership, if a member now (ISO, and ms for the end script). */
  since?: string;
  since_ms?: number;
}

export interface ChatMessage extends Member {
  message: string;
  sent_at: string;
}

export interface ExerciseEntry {
  user_id: string;
  exercise: string;
  value: number;
  unit: string;
  at: string;
}

/** What a group session is: its name and workout type, its creator, its start and end. */
export interface GroupSessionMeta {
  session_id: string;
  name: string;
  workout_type: string;
  creator_id: string;
  started_at: string;
  status: 'active' | 'ended';
  ended_at?: string;
}

/** A live group session as the create and join acknowledgements carry it. */
export interface GroupSessionState extends GroupSessionMeta {
  members: Member[];
  participants: Participant[];
  /** The last 50 messages. */
  recent_messages: ChatMessage[];
  /** The latest exercise update of each member. */
  exercise: ExerciseEntry[];
}

export interface CreateGroupSessionPayload {
  workout_type: string;
  name?: string;
}

export interface JoinGroupSessionPayload {
  /** Your own user_id. */
  user_id: string;
  session_id: string;
}

export interface SessionRefPayload {
  session_id: string;
}

export interface SendMessagePayload extends JoinGroupSessionPayload {
  /** 1 to 1,000 characters. */
  message: string;
}

export interface ExerciseUpdatePayload {
  session_id: string;
  exercise: string;
  value: number;
  unit: string;
}

/** What each client → server event answers on success (besides `ok: true`). */
export interface AckAnswers {
  create_group_session: { session_id: string; session: GroupSessionState };
  join_group_session: { session: GroupSessionState };
  leave_group_session: Record<never, never>;
  send_message: { sent_at: string };
  exercise_update: Record<never, never>;
  end_group_session: { ended_at: string };
}

export interface EventPayloads {
  create_group_session: CreateGroupSessionPayload;
  join_group_session: JoinGroupSessionPayload;
  leave_group_session: SessionRefPayload;
  send_message: SendMessagePayload;
  exercise_update: ExerciseUpdatePayload;
  end_group_session: SessionRefPayload;
}

export type ClientEvent = keyof EventPayloads;

/** The acknowledgement of one client → server event. */
export type AckOf<E extends ClientEvent> = Ack<AckAnswers[E]>;

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: EventPayloads[E], ack: (answer: AckOf<E>) => void) => void;
};

/** The `data` of each kind of group_update. */
export interface GroupUpdateData {
  joined: Member & { joined_at: string };
  /** `reason: 'disconnected'` when no socket of the user came back within the grace period. */
  left: Member & { left_at: string; reason?: 'disconnected' };
  message: ChatMessage;
  exercise: ExerciseEntry & { username: string };
  ended: { ended_at: string; participants: (Member & { duration: number })[] };
  leaderboard: SessionLeaderboard;
}

/**
 * The session's live leaderboard of one exercise and unit: each member's latest value, highest
 * first, ties ranked alike; sent after an exercise update whenever it changes the top 10.
 */
export interface SessionLeaderboard {
  exercise: string;
  unit: string;
  items: { rank: number; user_id: string; username: string; value: number }[];
}

export type UpdateType = keyof GroupUpdateData;

/** One update of a session, sent to every member's sockets (the sender's included). */
export type GroupUpdate<T extends UpdateType = UpdateType> = {
  [K in T]: { session_id: string; update_type: K; data: GroupUpdateData[K] };
}[T];

/** Sent once to every socket of the user the moment a goal is reached. */
export interface GoalAchieved {
  goal_id: string;
  goal_type: string;
  target_value: number;
  achieved_at: string;
  /** Start of the period that was reached (a recurring goal's week or month; once: the creation). */
  period_start: string;
}

/** The replica is shutting down: reconnect (to another one); sessions are intact. */
export interface ServerShutdown {
  reconnect: boolean;
}

/** The token expired: the server disconnects the socket; reconnect with a fresh token. */
export interface SessionExpired {
  reason: 'token_expired';
}

export interface ServerToClientEvents {
  group_update: (update: GroupUpdate) => void;
  goal_achieved: (alert: GoalAchieved) => void;
  server_shutdown: (hint: ServerShutdown) => void;
  session_expired: (info: SessionExpired) => void;
}

/** A socket.io-client Socket typed with the gateway's events. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type RealtimeOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * A Socket.IO connection to a gateway, authenticated with the token of POST /users/login. Over
 * WebSocket only by default (no sticky sessions needed in front of several replicas); `options`
 * go to socket.io-client's `io()`. The socket connects in the background: see `whenConnected`.
 */
export function connectRealtime(
  baseUrl: string,
  token: string | undefined,
  options: RealtimeOptions = {},
): RealtimeSocket {
  return io(baseUrl, {
    transports: ['websocket'],
    ...options,
    auth: token === undefined ? {} : { token },
  });
}

/**
 * Resolves once the socket is connected; rejects with the refusal (`connect_error`: a message
 * starting with `unauthorized:` for a missing, bad or expired token).
 */
export function whenConnected(socket: RealtimeSocket): Promise<void> {
  if (socket.connected) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const onConnect = (): void => {
      socket.off('connect_error', onError);
      resolve();
    };
    const onError = (err: Error): void => {
      socket.off('connect', onConnect);
      reject(err);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** The answer of an acknowledged event, or an error naming the event and the refusal. */
export function expectAck<T extends object>(event: ClientEvent, ack: Ack<T>): T {
  if (!ack.ok) {
    throw new Error(`${event} refused: ${ack.error.code}: ${ack.error.message}`);
  }
  return ack;
}
