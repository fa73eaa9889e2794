import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764115200000 implements MigrationInterface {
  name = 'Init1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username varchar(32) NOT NULL,
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        weight_kg double precision CHECK (weight_kg > 0),
        height_cm double precision CHECK (height_cm > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Emails are stored lower-cased; usernames keep their case but are unique regardless of it.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`
      CREATE TABLE goals (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        goal_type varchar(32) NOT NULL
          CHECK (goal_type IN ('workouts', 'duration_minutes', 'calories')),
        target_value double precision NOT NULL CHECK (target_value > 0),
        target_date timestamptz NOT NULL,
        current_progress double precision NOT NULL DEFAULT 0,
        achieved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX goals_user_id_created_at_idx ON goals (user_id, created_at)`);
    // One row per workout already applied to goals: makes RecordWorkout idempotent across retries.
    await q.query(`
      CREATE TABLE workout_contributions (
        workout_id varchar(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        ended_at timestamptz NOT NULL,
        duration double precision NOT NULL,
        calories_burned double precision NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workout_contributions`);
    await q.query(`DROP TABLE goals`);
    await q.query(`DROP TABLE users`);
  }
}
