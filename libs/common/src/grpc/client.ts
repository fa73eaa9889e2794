import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { MethodDefinition } from '@grpc/proto-loader';
import { Counter, Histogram } from 'prom-client';
import { CORRELATION_METADATA, currentCorrelationId } from '../context.js';
import { grpcCodeName, isGrpcCallError } from '../errors/classify.js';
import { SERVICE_TOKEN_METADATA } from '../upstream/service-token.js';
import {
  GRPC_MAX_MESSAGE_BYTES,
  PROTO_LOADER_OPTIONS,
  protoPath,
  type ProtoService,
} from './proto.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is required for inference here:
   MethodDefinition is contravariant in its request types. */
/** Request and response types of each method, derived from the generated service definition. */
export type RequestOf<D, K extends keyof D> =
  D[K] extends MethodDefinition<infer Req, any, any, any> ? Req : never;
export type ResponseOf<D, K extends keyof D> =
  D[K] extends MethodDefinition<any, any, any, infer Res> ? Res : never;

/** What a handler of method K receives and may return (server side). */
export type HandlerRequestOf<D, K extends keyof D> =
  D[K] extends MethodDefinition<any, any, infer Req, any> ? Req : never;
export type HandlerResponseOf<D, K extends keyof D> =
  D[K] extends MethodDefinition<any, infer Res, any, any> ? Res : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The seam where resilience wraps every call (the circuit breaker plugs in here): it receives the
 * method name and the attempt, and returns its result or throws.
 */
export interface CallPolicy {
  execute<T>(method: string, attempt: () => Promise<T>): Promise<T>;
}

export interface GrpcClientOptions {
  /** Short upstream name for logs and metrics, e.g. "user". */
  name: string;
  /** grpc-js target: `ipv4:127.0.0.1:50051,127.0.0.1:50052` or `dns:///user-grpc:50051`. */
  target: string;
  /** Default deadline of every call. */
  deadlineMs: number;
  /** Methods safe to retry (reads): retried by grpc-js on UNAVAILABLE. */
  idempotentMethods?: readonly string[];
  policy?: CallPolicy;
  /** The internal credential every call carries (`Bearer <service token>`). */
  credential?: () => string;
}

export interface CallOptions {
  /** Instead of the client's default deadline. */
  deadlineMs?: number;
  /**
   * Wait (within the deadline) for a connection instead of failing at once while the channel is
   * reconnecting: for probes, which are rare enough to find a channel in backoff.
   */
  waitForReady?: boolean;
}

const clientCalls = new Counter({
  name: 'grpc_client_handled_total',
  help: 'gRPC calls made to upstream services, by upstream, method and status code',
  labelNames: ['upstream', 'method', 'code'] as const,
});
const clientDuration = new Histogram({
  name: 'grpc_client_handling_seconds',
  help: 'Duration of gRPC calls to upstream services',
  labelNames: ['upstream', 'method'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/**
 * grpc-js service config: round_robin over every address the target resolves to (so each call, not
 * each connection, is balanced), and transparent retries of idempotent reads on UNAVAILABLE.
 */
export function serviceConfig(spec: ProtoService, idempotentMethods: readonly string[]): string {
  const config: Record<string, unknown> = { loadBalancingConfig: [{ round_robin: {} }] };
  if (idempotentMethods.length > 0) {
    config.methodConfig = [
      {
        name: idempotentMethods.map((method) => ({
          service: `${spec.pkg}.${spec.service}`,
          method,
        })),
        retryPolicy: {
          maxAttempts: 3,
          initialBackoff: '0.05s',
          maxBackoff: '0.5s',
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        },
      },
    ];
  }
  return JSON.stringify(config);
}

type UnaryFn = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, value?: unknown) => void,
) => grpc.ClientUnaryCall;

/** A promise-returning client of one upstream service, shared by every caller in the process. */
export class GrpcClient<D extends object> {
  private readonly client: grpc.Client;

  constructor(
    private readonly spec: ProtoService,
    private readonly options: GrpcClientOptions,
  ) {
    const definition = protoLoader.loadSync(protoPath(spec), PROTO_LOADER_OPTIONS);
    const ctor = definition[`${spec.pkg}.${spec.service}`] as protoLoader.ServiceDefinition;
    const Client = grpc.makeGenericClientConstructor(ctor, spec.service);
    this.client = new Client(options.target, grpc.credentials.createInsecure(), {
      'grpc.service_config': serviceConfig(spec, options.idempotentMethods ?? []),
      // Find restarted instances quickly instead of backing off for up to two minutes.
      'grpc.initial_reconnect_backoff_ms': 250,
      'grpc.max_reconnect_backoff_ms': 2000,
      // Re-resolve a dns:/// target (a headless Service) soon after its pods change: with grpc-js'
      // default of 30 s, a rolling restart that replaced every pod left a gateway "waiting for LB
      // pick" on the old addresses for over a minute (test-cluster, after the user rollout).
      'grpc.dns_min_time_between_resolutions_ms': 2000,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.max_send_message_length': GRPC_MAX_MESSAGE_BYTES,
      'grpc.max_receive_message_length': GRPC_MAX_MESSAGE_BYTES,
    });
  }

  get name(): string {
    return this.options.name;
  }

  call<K extends keyof D & string>(
    method: K,
    request: RequestOf<D, K>,
    options: CallOptions = {},
  ): Promise<ResponseOf<D, K>> {
    const attempt = () => this.invoke<ResponseOf<D, K>>(method, request, options);
    return this.options.policy ? this.options.policy.execute(method, attempt) : attempt();
  }

  close(): void {
    this.client.close();
  }

  private invoke<T>(method: string, request: unknown, options: CallOptions): Promise<T> {
    const fn = (this.client as unknown as Record<string, UnaryFn>)[method];
    if (typeof fn !== 'function') {
      return Promise.reject(new Error(`${this.spec.service} has no method ${method}`));
    }
    const deadline = new Date(Date.now() + (options.deadlineMs ?? this.options.deadlineMs));
    const stopTimer = clientDuration.startTimer({ upstream: this.options.name, method });
    // The request being served travels on: every log line of every service carries its id.
    const metadata = new grpc.Metadata({ waitForReady: options.waitForReady ?? false });
    const correlationId = currentCorrelationId();
    if (correlationId) {
      metadata.set(CORRELATION_METADATA, correlationId);
    }
    if (this.options.credential) {
      metadata.set(SERVICE_TOKEN_METADATA, this.options.credential());
    }
    return new Promise<T>((resolve, reject) => {
      fn.call(this.client, request, metadata, { deadline }, (err, value) => {
        stopTimer();
        const code = err ? (isGrpcCallError(err) ? err.code : grpc.status.UNKNOWN) : grpc.status.OK;
        clientCalls.inc({ upstream: this.options.name, method, code: grpcCodeName(code) });
        if (err) {
          reject(err);
        } else {
          resolve(value as T);
        }
      });
    });
  }
}
