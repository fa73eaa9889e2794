// Baseline 3: one of a bare pair of Socket.IO servers sharing rooms through the Redis adapter,
// the floor of our group chat (which adds authentication, membership, limits and the log).
//   node bench/baselines/socketio-pair.mjs <port> <redis-url>
// Events: `join` {room} → ack; `say` {room, text} → room broadcast `said`, then ack.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

// The gateway's own copy of socket.io (npm keeps it in the gateway's workspace, not hoisted):
// the baseline runs the same version as the server it is the floor of.
const require = createRequire(new URL('../../services/gateway/package.json', import.meta.url));
const { Server } = require('socket.io');

const port = Number(process.argv[2] ?? 3902);
const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379/15';
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
io.adapter(createAdapter(pub, sub, { key: 'bench:sio' }));
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    void socket.join(room);
    ack?.({ ok: true });
  });
  socket.on('say', (msg, ack) => {
    io.to(msg.room).emit('said', msg);
    ack?.({ ok: true });
  });
});
http.listen(port, '127.0.0.1', () => console.log(`ready ${port}`));
