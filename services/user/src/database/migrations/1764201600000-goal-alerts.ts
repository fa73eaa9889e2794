import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the goal-achieved alert reached one of the user's sockets (null: still to deliver). */
export class GoalAlerts1764201600000 implements MigrationInterface {
  name = 'GoalAlerts1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goals ADD COLUMN alert_delivered_at timestamptz`);
    await q.query(
      `CREATE INDEX goals_pending_alerts_idx ON goals (user_id)
       WHERE achieved_at IS NOT NULL AND alert_delivered_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX goals_pending_alerts_idx`);
    await q.query(`ALTER TABLE goals DROP COLUMN alert_delivered_at`);
  }
}
