import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goals per period and workout type. Progress moves to `goal_periods`, one row per goal and period
 * (a `once` goal has one, starting at its creation), each with its own achievement and alert. The
 * old per-goal columns (current_progress, achieved_at, alert_delivered_at) are copied over and no
 * longer written; they stay until no instance of the previous release can run.
 */
export class GoalPeriods1764374400000 implements MigrationInterface {
  name = 'GoalPeriods1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE goals ADD COLUMN period varchar(8) NOT NULL DEFAULT 'once'
         CHECK (period IN ('once', 'week', 'month'))`,
    );
    await q.query(`ALTER TABLE goals ADD COLUMN workout_type varchar(32)`);
    await q.query(`
      CREATE TABLE goal_periods (
        goal_id uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
        period_start timestamptz NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        progress double precision NOT NULL DEFAULT 0,
        achieved_at timestamptz,
        alert_delivered_at timestamptz,
        PRIMARY KEY (goal_id, period_start)
      )`);
    await q.query(
      `CREATE INDEX goal_periods_pending_alerts_idx ON goal_periods (user_id)
       WHERE achieved_at IS NOT NULL AND alert_delivered_at IS NULL`,
    );
    // The app keys a once goal's period by its creation as JavaScript reads it (milliseconds).
    await q.query(
      `INSERT INTO goal_periods (goal_id, period_start, user_id, progress, achieved_at, alert_delivered_at)
       SELECT id, date_trunc('milliseconds', created_at), user_id, current_progress, achieved_at,
              alert_delivered_at
       FROM goals`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE goals g SET current_progress = p.progress, achieved_at = p.achieved_at,
         alert_delivered_at = p.alert_delivered_at
       FROM goal_periods p
       WHERE p.goal_id = g.id AND g.period = 'once'`,
    );
    await q.query(`DELETE FROM goals WHERE period <> 'once'`);
    await q.query(`DROP TABLE goal_periods`);
    await q.query(`ALTER TABLE goals DROP COLUMN workout_type`);
    await q.query(`ALTER TABLE goals DROP COLUMN period`);
  }
}
