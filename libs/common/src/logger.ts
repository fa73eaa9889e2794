import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from './config.js';

/** JSON lines on stdout, one object a line, at LOG_LEVEL and above. */
export function createLogger(level: LogLevelName = 'log'): ConsoleLogger {
  const upTo = LOG_LEVELS.indexOf(level);
  const levels: LogLevel[] = ['fatal', ...LOG_LEVELS.slice(0, upTo + 1)];
  return new ConsoleLogger({ json: true, logLevels: levels });
}
