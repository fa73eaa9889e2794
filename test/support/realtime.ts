import {
  connectRealtime,
  expectAck,
  whenConnected,
  type AckOf,
  type ClientEvent,
  type EventPayloads,
  type GoalAchieved,
  type GroupUpdate,
  type RealtimeSocket,
  type ServerShutdown,
  type UpdateType,
} from '@fitness/client';
import type { Socket } from 'socket.io-client';

/** A Socket.IO client as an app would hold it (libs/client), recording what the server sends. */
export interface Client {
  socket: RealtimeSocket;
  updates: GroupUpdate[];
  alerts: GoalAchieved[];
  /** `server_shutdown` hints received (the replica is going away: reconnect elsewhere). */
  shutdownHints: ServerShutdown[];
  emit<E extends ClientEvent>(event: E, payload: EventPayloads[E]): Promise<AckOf<E>>;
  /**
   * For the negative tests only: a payload the typed events refuse to compile (a wrong type, an
   * unknown field, a string instead of an object), to prove the server refuses it too.
   */
  emitRaw<E extends ClientEvent>(event: E, payload: unknown): Promise<AckOf<E>>;
  close(): void;
}

const open: RealtimeSocket[] = [];

export async function connect(base: string, token: string | undefined): Promise<Client> {
  const socket = connectRealtime(base, token, {
    reconnection: false,
    timeout: 5000,
    forceNew: true,
  });
  open.push(socket);
  const updates: GroupUpdate[] = [];
  const alerts: GoalAchieved[] = [];
  const shutdownHints: ServerShutdown[] = [];
  socket.on('server_shutdown', (h) => shutdownHints.push(h));
  socket.on('group_update', (u) => updates.push(u));
  socket.on('goal_achieved', (a) => alerts.push(a));
  await whenConnected(socket);
  // Untyped view of the same socket: the typed signatures are those of emit and emitRaw above.
  const untyped = socket as unknown as Socket;
  const send = <E extends ClientEvent>(event: E, payload: unknown): Promise<AckOf<E>> =>
    untyped.timeout(5000).emitWithAck(event, payload) as Promise<AckOf<E>>;
  return {
    socket,
    updates,
    alerts,
    shutdownHints,
    emit: send,
    emitRaw: send,
    close: () => socket.disconnect(),
  };
}

/** The updates of one kind a client received, typed by their kind. */
export function ofType<T extends UpdateType>(c: Client, type: T): GroupUpdate<T>[] {
  return c.updates.filter((u) => u.update_type === type) as GroupUpdate<T>[];
}

export function closeAll(): void {
  for (const socket of open.splice(0)) {
    socket.disconnect();
  }
}

/** Polls until the condition holds; fails with the description after the timeout. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Creates a group session on `c`'s connection; its id (a refusal fails the test). */
export async function startGroupSession(
  c: Client,
  body: EventPayloads['create_group_session'],
): Promise<string> {
  return expectAck('create_group_session', await c.emit('create_group_session', body)).session_id;
}

/** A client of `s` on replica `base`, joined to group session `id` (a refusal fails the test). */
export async function joinedClient(
  base: string,
  s: { user_id: string; token: string },
  id: string,
): Promise<Client> {
  const c = await connect(base, s.token);
  expectAck(
    'join_group_session',
    await c.emit('join_group_session', { user_id: s.user_id, session_id: id }),
  );
  return c;
}
