// Baseline 1: bare Fastify answering GET /healthz, the floor of any HTTP path on this machine.
//   node bench/baselines/bare-fastify.mjs <port>
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3900);
const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
console.log(`ready ${port}`);
