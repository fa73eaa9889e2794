// Original file: proto/activity.proto

import type { Workout as _fitness_activity_v1_Workout, Workout__Output as _fitness_activity_v1_Workout__Output } from '../../../fitness/activity/v1/Workout.js';

export interface ListWorkoutsResponse {
  'items'?: (_fitness_activity_v1_Workout)[];
  'next_cursor'?: (string);
  '_next_cursor'?: "next_cursor";
}

export interface ListWorkoutsResponse__Output {
  'items': (_fitness_activity_v1_Workout__Output)[];
  'next_cursor'?: (string);
  '_next_cursor'?: "next_cursor";
}
