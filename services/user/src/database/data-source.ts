import type { DataSourceOptions } from 'typeorm';
import { GoalEntity } from '../goal/goal.entity.js';
import { UserEntity } from '../user/user.entity.js';
import { Init1764115200000 } from './migrations/1764115200000-init.js';
import { GoalAlerts1764201600000 } from './migrations/1764201600000-goal-alerts.js';
import { LeaderboardVisibility1764288000000 } from './migrations/1764288000000-leaderboard-visibility.js';
import { GoalPeriods1764374400000 } from './migrations/1764374400000-goal-periods.js';

/**
 * One definition of the database for the app and for `migrate.js`; the schema comes only from
 * migrations. `statementTimeoutMs` bounds every statement server-side (0: none, for migrations),
 * so no query can hold a connection of the pool for longer than a request could wait.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  statementTimeoutMs = 0,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [UserEntity, GoalEntity],
    migrations: [
      Init1764115200000,
      GoalAlerts1764201600000,
      LeaderboardVisibility1764288000000,
      GoalPeriods1764374400000,
    ],
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    },
  };
}
