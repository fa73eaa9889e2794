// Baseline 2: Fastify → one grpc-js unary call → an echo server, the floor of a REST read that
// crosses one gRPC hop (our gateway → service path, minus everything we add). Two processes, as
// ours are: `server` (grpc-js, no NestJS) and `front` (bare Fastify with a grpc-js client).
//   node bench/baselines/grpc-echo.mjs server <grpc-port>
//   node bench/baselines/grpc-echo.mjs front <http-port> <grpc-port>
import * as grpc from '@grpc/grpc-js';
import Fastify from 'fastify';

const service = {
  echo: {
    path: '/bench.Echo/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: (v) => Buffer.from(JSON.stringify(v)),
    requestDeserialize: (b) => JSON.parse(b.toString()),
    responseSerialize: (v) => Buffer.from(JSON.stringify(v)),
    responseDeserialize: (b) => JSON.parse(b.toString()),
  },
};

const [role, a, b] = process.argv.slice(2);
if (role === 'server') {
  const server = new grpc.Server();
  server.addService(service, { echo: (call, callback) => callback(null, call.request) });
  server.bindAsync(`127.0.0.1:${a}`, grpc.ServerCredentials.createInsecure(), (err) => {
    if (err) throw err;
    console.log(`ready ${a}`);
  });
} else {
  const Client = grpc.makeGenericClientConstructor(service, 'Echo');
  const client = new Client(`127.0.0.1:${b}`, grpc.credentials.createInsecure());
  const app = Fastify({ logger: false });
  app.get('/echo/:id', (request) => {
    const { id } = request.params;
    return new Promise((resolve, reject) =>
      client.echo({ id }, { deadline: Date.now() + 3000 }, (err, value) =>
        err ? reject(err) : resolve(value),
      ),
    );
  });
  await app.listen({ port: Number(a), host: '127.0.0.1' });
  console.log(`ready ${a}`);
}
