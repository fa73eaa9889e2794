import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether the user is listed on the leaderboards: nobody is until they opt in. */
export class LeaderboardVisibility1764288000000 implements MigrationInterface {
  name = 'LeaderboardVisibility1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN leaderboard_visible boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `CREATE INDEX users_leaderboard_visible_idx ON users (id) WHERE leaderboard_visible`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_leaderboard_visible_idx`);
    await q.query(`ALTER TABLE users DROP COLUMN leaderboard_visible`);
  }
}
