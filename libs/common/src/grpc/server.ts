import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type INestApplication,
  type NestInterceptor,
} from '@nestjs/common';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { Counter, Histogram } from 'prom-client';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { CORRELATION_METADATA, acceptCorrelationId, requestContext } from '../context.js';
import { grpcCodeName, grpcStatusOf } from '../errors/classify.js';
import { GrpcHealthController } from '../health.js';
import { SERVICE_TOKEN_METADATA, type ServiceTokenVerifier } from '../upstream/service-token.js';
import { GrpcExceptionFilter } from './exception.filter.js';
import {
  GRPC_MAX_MESSAGE_BYTES,
  HEALTH_PROTO,
  PROTO_LOADER_OPTIONS,
  protoPath,
  type ProtoService,
} from './proto.js';

const serverCalls = new Counter({
  name: 'grpc_server_handled_total',
  help: 'gRPC calls handled by this instance, by method and status code',
  labelNames: ['method', 'code'] as const,
});
const serverDuration = new Histogram({
  name: 'grpc_server_handling_seconds',
  help: 'Duration of gRPC calls handled by this instance',
  labelNames: ['method'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

/**
 * Every gRPC call this instance answers: opens its request context (the caller's correlation id,
 * or a new one), so every log line and every onward call carries it; refuses a caller without the
 * internal credential (UNAUTHENTICATED), bar the health check that Kubernetes probes call bare;
 * counts and times it.
 */
@Injectable()
export class GrpcServerInterceptor implements NestInterceptor {
  private readonly logger = new Logger('GrpcServer');

  constructor(private readonly credentials: ServiceTokenVerifier) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const method = context.getHandler().name;
    const metadata = context.switchToRpc().getContext<Metadata | undefined>();
    // The handler runs in this async context: what it awaits inherits the store.
    requestContext.enterWith({
      correlationId: acceptCorrelationId(metadata?.get?.(CORRELATION_METADATA)[0]),
    });
    const stop = serverDuration.startTimer({ method });
    const done = (code: string): void => {
      const seconds = stop();
      serverCalls.inc({ method, code });
      this.logger.debug(`${method} ${code} in ${(seconds * 1000).toFixed(1)} ms`);
    };
    if (context.getClass() !== GrpcHealthController) {
      try {
        this.credentials.caller(metadata?.get?.(SERVICE_TOKEN_METADATA)[0]);
      } catch (err) {
        done(grpcCodeName(grpcStatusOf(err)));
        return throwError(() => err);
      }
    }
    return next.handle().pipe(
      tap(() => done('OK')),
      catchError((err: unknown) => {
        done(grpcCodeName(grpcStatusOf(err)));
        return throwError(() => err);
      }),
    );
  }
}

/**
 * Attaches the gRPC server of a service (its own package plus grpc.health.v1) to the HTTP app that
 * serves its probes and metrics. `grpc.max_connection_age_ms` makes clients reconnect now and then,
 * so they re-resolve DNS and spread onto instances added by a scale-up.
 */
export function connectGrpcServer(
  app: INestApplication,
  spec: ProtoService,
  port: number,
  credentials: ServiceTokenVerifier,
): void {
  // The HTTP app's global filter and interceptor are registered first and inherited by the gRPC
  // server (filters registered on the microservice itself come too late to apply).
  app.useGlobalFilters(new GrpcExceptionFilter(app.getHttpAdapter()));
  app.useGlobalInterceptors(new GrpcServerInterceptor(credentials));
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.GRPC,
      options: {
        package: [spec.pkg, HEALTH_PROTO.pkg],
        protoPath: [protoPath(spec), protoPath(HEALTH_PROTO)],
        url: `0.0.0.0:${port}`,
        loader: PROTO_LOADER_OPTIONS,
        // tryShutdown (in-flight calls finish) instead of forceShutdown (they are cut off) on
        // app.close(); enableGracefulShutdown bounds the wait.
        gracefulShutdown: true,
        // The message limits are said out loud on both sides (see GRPC_MAX_MESSAGE_BYTES).
        maxSendMessageLength: GRPC_MAX_MESSAGE_BYTES,
        maxReceiveMessageLength: GRPC_MAX_MESSAGE_BYTES,
        channelOptions: {
          'grpc.max_connection_age_ms': 5 * 60_000,
          'grpc.max_connection_age_grace_ms': 30_000,
        },
      },
    },
    { inheritAppConfig: true },
  );
}
