// Original file: proto/activity.proto


export interface StartWorkoutRequest {
  'user_id'?: (string);
  'workout_type'?: (string);
}

export interface StartWorkoutRequest__Output {
  'user_id': (string);
  'workout_type': (string);
}
