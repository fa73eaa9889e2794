// Original file: proto/activity.proto

import type { GroupParticipant as _fitness_activity_v1_GroupParticipant, GroupParticipant__Output as _fitness_activity_v1_GroupParticipant__Output } from '../../../fitness/activity/v1/GroupParticipant.js';
import type { GroupMessage as _fitness_activity_v1_GroupMessage, GroupMessage__Output as _fitness_activity_v1_GroupMessage__Output } from '../../../fitness/activity/v1/GroupMessage.js';
import type { ExerciseUpdate as _fitness_activity_v1_ExerciseUpdate, ExerciseUpdate__Output as _fitness_activity_v1_ExerciseUpdate__Output } from '../../../fitness/activity/v1/ExerciseUpdate.js';

export interface GroupSession {
  'session_id'?: (string);
  'name'?: (string);
  'workout_type'?: (string);
  'creator_id'?: (string);
  'started_at'?: (string);
  'ended_at'?: (string);
  'participants'?: (_fitness_activity_v1_GroupParticipant)[];
  'messages'?: (_fitness_activity_v1_GroupMessage)[];
  'exercise_updates'?: (_fitness_activity_v1_ExerciseUpdate)[];
}

export interface GroupSession__Output {
  'session_id': (string);
  'name': (string);
  'workout_type': (string);
  'creator_id': (string);
  'started_at': (string);
  'ended_at': (string);
  'participants': (_fitness_activity_v1_GroupParticipant__Output)[];
  'messages': (_fitness_activity_v1_GroupMessage__Output)[];
  'exercise_updates': (_fitness_activity_v1_ExerciseUpdate__Output)[];
}
