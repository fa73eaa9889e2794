// OpenTelemetry tracing, loaded before a service (`node --import @fitness/common/tracing …`), so
// that the libraries it instruments are patched before anything imports them. Off unless the usual
// OTEL_* variables say where traces go (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_TRACES_EXPORTER=console); then every REST request,
// socket event, gRPC call (client and server, context carried in the metadata), PostgreSQL query,
// MongoDB command and Redis command of the process is a span of its request's trace.
import { register } from 'node:module';
import { onTracingShutdown } from './tracing-hooks.js';

const env = process.env;
const exporter = env.OTEL_TRACES_EXPORTER;
const enabled =
  env.OTEL_SDK_DISABLED !== 'true' &&
  exporter !== 'none' &&
  Boolean(exporter || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);

/** Paths that would drown the traces: probes, metrics scrapes, the API document. */
const UNTRACED = /^\/(healthz|readyz|metrics|docs)(\/|$|\?)/;

if (enabled) {
  // Our services are ES modules: their imports of CommonJS libraries (ioredis, grpc-js) are
  // patched through import-in-the-middle's loader hook; require() calls by require-in-the-middle.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  // Traces only: metrics are Prometheus' (/metrics), logs are pino's.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const [
    { NodeSDK },
    { HttpInstrumentation },
    { GrpcInstrumentation },
    { PgInstrumentation },
    { MongoDBInstrumentation },
    { IORedisInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-grpc'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-mongodb'),
    import('@opentelemetry/instrumentation-ioredis'),
  ]);
  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? ''),
      }),
      new GrpcInstrumentation({ ignoreGrpcMethods: ['Check'] }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  // Graceful shutdown (shutdown.ts) flushes the spans still batched before the process exits.
  onTracingShutdown(() => sdk.shutdown());
}
