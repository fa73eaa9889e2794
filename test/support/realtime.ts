import { io, type Socket } from 'socket.io-client';

export interface GroupUpdate {
  session_id: string;
  update_type: 'joined' | 'left' | 'message' | 'exercise' | 'ended';
  data: Record<string, unknown>;
}

export interface Ack {
  ok: boolean;
  error?: { code: string; message: string; details?: { field: string; message: string }[] };
  [key: string]: unknown;
}

/** A Socket.IO client as an app would hold it, recording what the server sends. */
export interface Client {
  socket: Socket;
  updates: GroupUpdate[];
  alerts: Record<string, unknown>[];
  /** `server_shutdown` hints received (the replica is going away: reconnect elsewhere). */
  shutdownHints: Record<string, unknown>[];
  emit(event: string, payload: unknown): Promise<Ack>;
  close(): void;
}

const open: Socket[] = [];

export async function connect(base: string, token: string | undefined): Promise<Client> {
  const socket = io(base, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    timeout: 5000,
    forceNew: true,
  });
  open.push(socket);
  const updates: GroupUpdate[] = [];
  const alerts: Record<string, unknown>[] = [];
  const shutdownHints: Record<string, unknown>[] = [];
  socket.on('server_shutdown', (h: Record<string, unknown>) => shutdownHints.push(h));
  socket.on('group_update', (u: GroupUpdate) => updates.push(u));
  socket.on('goal_achieved', (a: Record<string, unknown>) => alerts.push(a));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    updates,
    alerts,
    shutdownHints,
    emit: (event, payload) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>,
    close: () => socket.disconnect(),
  };
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
