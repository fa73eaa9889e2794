import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, validateSync } from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Variables every service reads. */
export class BaseEnv {
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';
}

/**
 * Builds a `validate` function for ConfigModule.forRoot: converts and checks the environment with
 * class-validator and fails start-up with a message naming every bad variable (never its value).
 */
export function envValidator<T extends object>(
  cls: new () => T,
): (raw: Record<string, unknown>) => T {
  return (raw) => {
    const env = plainToInstance(cls, raw, { enableImplicitConversion: true });
    const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
    if (errors.length > 0) {
      const lines = errors.map(
        (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`,
      );
      throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
    }
    return env;
  };
}
