import { SchemaFactory } from '@nestjs/mongoose';
import { Collection, FlagProp, OptionalProp, RequiredProp } from '../database/props.js';

export type WorkoutStatus = 'active' | 'ended';

@Collection('workouts')
export class Workout {
  /** The session_id clients see (a UUID). */
  @RequiredProp(String)
  _id: string;

  @RequiredProp(String)
  user_id: string;

  @RequiredProp(String)
  workout_type: string;

  @RequiredProp(Date)
  start_time: Date;

  @OptionalProp(Date)
  end_time?: Date;

  @OptionalProp(Number)
  duration?: number;

  @OptionalProp(Number)
  calories_burned?: number;

  @RequiredProp(String)
  status: WorkoutStatus;

  /** The group session this workout was part of, if any. */
  @OptionalProp(String)
  group_session_id?: string;

  /** Set once the workout has been added to the user's statistics record. */
  @FlagProp()
  stats_applied: boolean;

  /** Set once the user service has applied the workout to the user's goals. */
  @FlagProp()
  progress_recorded: boolean;

  /** Set once the user's leaderboard scores include this workout. */
  @FlagProp()
  leaderboard_synced: boolean;
}

/** The follow-ups of an ended workout, each flagged once done (WorkoutCompletionService). */
export type FollowUp = 'stats_applied' | 'progress_recorded' | 'leaderboard_synced';

/** How a workout is stored at its start and again at its end: none of its follow-ups done. */
export const NO_FOLLOW_UP_DONE = {
  stats_applied: false,
  progress_recorded: false,
  leaderboard_synced: false,
} as const satisfies Record<FollowUp, false>;

export const WorkoutSchema = SchemaFactory.createForClass(Workout);
WorkoutSchema.index({ user_id: 1, start_time: -1, _id: -1 });
WorkoutSchema.index({ status: 1, progress_recorded: 1 });
WorkoutSchema.index({ status: 1, stats_applied: 1 });
WorkoutSchema.index({ status: 1, leaderboard_synced: 1 });
