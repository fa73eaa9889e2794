import type { INestApplication } from '@nestjs/common';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { GrpcExceptionFilter } from './grpc-exception.filter.js';
import { GrpcMetricsInterceptor } from './metrics.js';
import { HEALTH_PROTO, PROTO_LOADER_OPTIONS, protoPath, type ProtoService } from './proto.js';

/**
 * Attaches the gRPC server of a service (its own package plus grpc.health.v1) to the HTTP app that
 * serves its probes and metrics. `grpc.max_connection_age_ms` makes clients reconnect now and then,
 * so they re-resolve DNS and spread onto instances added by a scale-up.
 */
export function connectGrpcServer(app: INestApplication, spec: ProtoService, port: number): void {
  // The HTTP app's global filter and interceptor are registered first and inherited by the gRPC
  // server (filters registered on the microservice itself come too late to apply).
  app.useGlobalFilters(new GrpcExceptionFilter(app.getHttpAdapter()));
  app.useGlobalInterceptors(new GrpcMetricsInterceptor());
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
        channelOptions: {
          'grpc.max_connection_age_ms': 5 * 60_000,
          'grpc.max_connection_age_grace_ms': 30_000,
        },
      },
    },
    { inheritAppConfig: true },
  );
}
