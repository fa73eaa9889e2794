// Original file: proto/user.proto


export interface RecordWorkoutRequest {
  'user_id'?: (string);
  'workout_id'?: (string);
  'ended_at'?: (string);
  'duration'?: (number | string);
  'calories_burned'?: (number | string);
}

export interface RecordWorkoutRequest__Output {
  'user_id': (string);
  'workout_id': (string);
  'ended_at': (string);
  'duration': (number);
  'calories_burned': (number);
}
