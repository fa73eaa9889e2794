// Original file: proto/activity.proto


export interface Workout {
  'session_id'?: (string);
  'user_id'?: (string);
  'workout_type'?: (string);
  'start_time'?: (string);
  'end_time'?: (string);
  'duration'?: (number | string);
  'calories_burned'?: (number | string);
  'status'?: (string);
  '_end_time'?: "end_time";
  '_duration'?: "duration";
  '_calories_burned'?: "calories_burned";
}

export interface Workout__Output {
  'session_id': (string);
  'user_id': (string);
  'workout_type': (string);
  'start_time': (string);
  'end_time'?: (string);
  'duration'?: (number);
  'calories_burned'?: (number);
  'status': (string);
  '_end_time'?: "end_time";
  '_duration'?: "duration";
  '_calories_burned'?: "calories_burned";
}
