import {
  Controller,
  Get,
  Header,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { grpcCodeName, grpcStatusOf } from './errors.js';
import { CORRELATION_METADATA, requestContext } from './logger.js';

let defaultsStarted = false;

/** Process metrics (CPU, memory, event loop, GC), labelled with the service name. Idempotent. */
export function startDefaultMetrics(service: string): void {
  if (defaultsStarted) {
    return;
  }
  defaultsStarted = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}

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

/** Counts and times every gRPC call this instance answers. */
@Injectable()
export class GrpcMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const method = context.getHandler().name;
    // The gateway's correlation id (gRPC metadata) goes on every log line of this call.
    const correlationId = context
      .switchToRpc()
      .getContext<Metadata | undefined>()
      ?.get?.(CORRELATION_METADATA)[0];
    if (typeof correlationId === 'string' && correlationId.length > 0) {
      requestContext.enterWith({ correlationId });
    }
    const stop = serverDuration.startTimer({ method });
    return next.handle().pipe(
      tap(() => {
        stop();
        serverCalls.inc({ method, code: 'OK' });
      }),
      catchError((err: unknown) => {
        stop();
        const code = grpcStatusOf(err);
        serverCalls.inc({ method, code: grpcCodeName(code) });
        return throwError(() => err);
      }),
    );
  }
}
