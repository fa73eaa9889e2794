import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type WorkoutStatus = 'active' | 'ended';

@Schema({ collection: 'workouts', versionKey: false })
export class Workout {
  /** The session_id clients see (a UUID). */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  user_id: string;

  @Prop({ type: String, required: true })
  workout_type: string;

  @Prop({ type: Date, required: true })
  start_time: Date;

  @Prop({ type: Date })
  end_time?: Date;

  @Prop({ type: Number })
  duration?: number;

  @Prop({ type: Number })
  calories_burned?: number;

  @Prop({ type: String, required: true })
  status: WorkoutStatus;

  /** The group session this workout was part of, if any. */
  @Prop({ type: String })
  group_session_id?: string;

  /** Set once the workout has been added to the user's statistics record. */
  @Prop({ type: Boolean, default: false })
  stats_applied: boolean;

  /** Set once the user service has applied the workout to the user's goals. */
  @Prop({ type: Boolean, default: false })
  progress_recorded: boolean;

  /** Set once the user's leaderboard scores include this workout. */
  @Prop({ type: Boolean, default: false })
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
