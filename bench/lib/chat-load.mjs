// Group chat under load, through Socket.IO clients as apps hold them: one room, members spread
// over two servers, senders at a fixed rate (open loop) or as fast as their acks come back (closed
// loop). Every delivery's latency is measured from its send time (one process, one clock).
import { io } from 'socket.io-client';
import { setTimeout as sleep } from 'node:timers/promises';

const ACK_TIMEOUT_MS = 10_000;

/** A Socket.IO client over websocket only (as a mobile or web app would use behind a balancer). */
export function connectSocket(url, auth) {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Opens `count` sockets, `parallel` handshakes at a time. */
export async function connectMany(count, open, parallel = 50) {
  const sockets = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        sockets[i] = await open(i);
      }
    }),
  );
  return sockets;
}

export function ack(socket, event, payload) {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
}

/**
 * One room of `members` (already joined, each with `onMessage(socket, handler)` wired by the
 * adapter), of which the first `senders` send. Open loop: `rate` messages a second each; closed
 * loop (`rate` 0): the next message as soon as the previous ack. Returns deliveries, latency
 * percentiles and the rate achieved.
 */
export async function runRoom({ members, senders, rate, seconds, send, onMessage }) {
  const latencies = [];
  const seen = new Map();
  let duplicates = 0;
  for (const socket of members) {
    onMessage(socket, (text) => {
      const [id, sentAt] = text.split('@');
      latencies.push(Date.now() - Number(sentAt));
      const key = `${id}:${socket.id}`;
      if (seen.has(key)) duplicates += 1;
      seen.set(key, true);
    });
  }
  let sent = 0;
  let refused = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    members.slice(0, senders).map(async (socket, s) => {
      let seq = 0;
      const interval = rate > 0 ? 1000 / rate : 0;
      let due = started + (interval * s) / senders;
      const pending = [];
      while (Date.now() < deadline) {
        const text = `${s}.${seq++}@${Date.now()}`;
        const p = send(socket, s, text).then(
          (a) => {
            if (a?.ok === false) refused += 1;
          },
          () => {
            refused += 1;
          },
        );
        sent += 1;
        if (interval === 0) {
          await p;
        } else {
          pending.push(p);
          due += interval;
          const wait = due - Date.now();
          if (wait > 0) await sleep(wait);
        }
      }
      await Promise.all(pending);
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const expected = (sent - refused) * members.length;
  // Stragglers: wait (bounded) until every accepted message reached every member.
  const settleBy = Date.now() + 5000;
  while (latencies.length < expected && Date.now() < settleBy) await sleep(50);
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return {
    sent,
    refused,
    rate: sent / elapsed,
    deliveries: latencies.length,
    expected,
    deliveredShare: expected === 0 ? 0 : latencies.length / expected,
    duplicates,
    p50: pct(0.5),
    p99: pct(0.99),
  };
}
