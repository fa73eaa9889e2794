// Original file: proto/user.proto

import type { Goal as _fitness_user_v1_Goal, Goal__Output as _fitness_user_v1_Goal__Output } from '../../../fitness/user/v1/Goal.js';

export interface RecordWorkoutResponse {
  'applied'?: (boolean);
  'achieved'?: (_fitness_user_v1_Goal)[];
}

export interface RecordWorkoutResponse__Output {
  'applied': (boolean);
  'achieved': (_fitness_user_v1_Goal__Output)[];
}
