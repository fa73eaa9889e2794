/**
 * Live goal-achieved alerts: the user service publishes one message per newly achieved goal on this
 * Redis channel; every gateway replica receives it and emits to the user's sockets it holds.
 * Alerts that reach no socket stay pending in PostgreSQL and are claimed at the next connection.
 */
export const GOAL_ACHIEVED_CHANNEL = 'fitness:goal-achieved:v1';

export interface GoalAchievedEvent {
  user_id: string;
  goal_id: string;
  goal_type: string;
  target_value: number;
  achieved_at: string;
  /** Start of the period that was achieved (a once goal: its creation). */
  period_start: string;
}
