// Original file: proto/user.proto

import type { Goal as _fitness_user_v1_Goal, Goal__Output as _fitness_user_v1_Goal__Output } from '../../../fitness/user/v1/Goal.js';

export interface ListGoalsResponse {
  'items'?: (_fitness_user_v1_Goal)[];
}

export interface ListGoalsResponse__Output {
  'items': (_fitness_user_v1_Goal__Output)[];
}
