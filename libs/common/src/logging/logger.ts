import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule, type Params } from 'nestjs-pino';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import type { LogLevelName } from '../config.js';
import { currentCorrelationId } from '../context.js';

/** LOG_LEVEL (Nest's level names) → pino's. */
const PINO_LEVEL: Record<LogLevelName, pino.Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Cloud-logging severities (the `severity` key log pipelines read). */
const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

/** The pino options of every process: JSON lines with `severity`, `message`, `context` and the request's `correlation_id`. */
export function pinoOptions(level: LogLevelName): pino.LoggerOptions {
  return {
    level: PINO_LEVEL[level],
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT', level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      // With tracing on, a line also names its trace and span (the API is a no-op otherwise).
      const span = trace.getActiveSpan()?.spanContext();
      return {
        ...(correlationId ? { correlation_id: correlationId } : {}),
        ...(span && isSpanContextValid(span)
          ? { trace_id: span.traceId, span_id: span.spanId }
          : {}),
      };
    },
  };
}

/**
 * nestjs-pino parameters: pino as Nest's logger. Its per-request middleware is not mounted
 * (`forRoutes: []`): the correlation id comes from our request context, which covers REST,
 * socket events and gRPC calls alike, and no request pays for a child logger.
 */
export function loggerParams(level: LogLevelName): Params {
  return { pinoHttp: pinoOptions(level), forRoutes: [] };
}

/**
 * Logging of every app (LOG_LEVEL from the validated config). Use with
 * `app.useLogger(app.get(Logger))` (nestjs-pino's Logger) and `bufferLogs: true`.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<{ LOG_LEVEL: LogLevelName }, true>) =>
        loggerParams(config.get('LOG_LEVEL')),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
