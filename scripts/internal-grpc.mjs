// A gRPC client of the internal services with the service credential, for tools that act as a
// trusted caller (make seed) and for tests. Clients never get this: it is the gateway's power.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createSigner } from 'fast-jwt';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let services;
function loadServices() {
  services ??= grpc.loadPackageDefinition(
    protoLoader.loadSync([join(ROOT, 'proto/user.proto'), join(ROOT, 'proto/activity.proto')], {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    }),
  ).fitness;
  return services;
}

/** The bearer credential a caller (`gateway`, `activity`) presents to the internal services. */
export function serviceToken(secret, caller, expiresInMs = 10 * 60_000) {
  return createSigner({
    key: secret,
    iss: caller,
    sub: caller,
    aud: 'fitness-internal',
    expiresIn: expiresInMs,
  })({});
}

/** A plain grpc-js client of `user` or `activity` at `target` (e.g. 127.0.0.1:50061). */
export function rawClient(service, target) {
  const s = loadServices();
  const Client = service === 'user' ? s.user.v1.UserService : s.activity.v1.ActivityService;
  return new Client(target, grpc.credentials.createInsecure());
}

/** One unary call: resolves {code, value, details} whatever the outcome. */
export function unary(client, method, request, metadata = new grpc.Metadata(), timeoutMs = 10_000) {
  return new Promise((resolve) => {
    client[method](request, metadata, { deadline: Date.now() + timeoutMs }, (err, value) =>
      resolve({ code: err ? err.code : grpc.status.OK, value, details: err?.details }),
    );
  });
}

/** Metadata carrying the service credential of `caller`. */
export function credential(secret, caller = 'gateway') {
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${serviceToken(secret, caller)}`);
  return md;
}

/**
 * A trusted caller of one service: `call(method, request)` resolves the answer or rejects with an
 * Error naming the gRPC status. The credential is minted afresh before it expires.
 */
export function internalClient(service, target, secret, caller = 'gateway') {
  const client = rawClient(service, target);
  let md;
  let mintedAt = 0;
  return {
    async call(method, request, timeoutMs) {
      if (Date.now() - mintedAt > 5 * 60_000) {
        md = credential(secret, caller);
        mintedAt = Date.now();
      }
      const res = await unary(client, method, request, md, timeoutMs);
      if (res.code !== grpc.status.OK) {
        const err = new Error(`${method}: ${grpc.status[res.code]} ${res.details ?? ''}`.trim());
        err.code = res.code;
        throw err;
      }
      return res.value;
    },
    close: () => client.close(),
  };
}
