import { AsyncLocalStorage } from 'node:async_hooks';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from './config.js';

/** HTTP header and gRPC metadata key of the id that follows one request through every service. */
export const CORRELATION_METADATA = 'x-correlation-id';

/** What every log line written while serving one request should carry. */
export interface RequestContext {
  correlationId: string;
}

/** The request being served, for the logger (set around request handling by the gateway). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Cloud-logging severities (the `severity` key log pipelines read). */
const SEVERITY: Record<LogLevel, string> = {
  fatal: 'CRITICAL',
  error: 'ERROR',
  warn: 'WARNING',
  log: 'INFO',
  debug: 'DEBUG',
  verbose: 'DEBUG',
};

type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;

/** Nest's JSON console logger plus `severity` and the current request's `correlation_id`. */
export class JsonLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): JsonLogObject {
    const object = super.getJsonLogObject(message, options);
    const correlationId = requestContext.getStore()?.correlationId;
    return {
      severity: SEVERITY[options.logLevel],
      ...object,
      ...(correlationId ? { correlation_id: correlationId } : {}),
    };
  }
}

/** JSON lines on stdout, one object a line, at LOG_LEVEL and above. */
export function createLogger(level: LogLevelName = 'log'): ConsoleLogger {
  const upTo = LOG_LEVELS.indexOf(level);
  const levels: LogLevel[] = ['fatal', ...LOG_LEVELS.slice(0, upTo + 1)];
  return new JsonLogger({ json: true, logLevels: levels });
}
