// Original file: proto/activity.proto


export interface EndWorkoutRequest {
  'session_id'?: (string);
  'user_id'?: (string);
  'end_time'?: (string);
}

export interface EndWorkoutRequest__Output {
  'session_id': (string);
  'user_id': (string);
  'end_time': (string);
}
