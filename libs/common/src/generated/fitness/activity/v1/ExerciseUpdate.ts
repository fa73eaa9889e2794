// Original file: proto/activity.proto


export interface ExerciseUpdate {
  'user_id'?: (string);
  'exercise'?: (string);
  'value'?: (number | string);
  'unit'?: (string);
  'at'?: (string);
}

export interface ExerciseUpdate__Output {
  'user_id': (string);
  'exercise': (string);
  'value': (number);
  'unit': (string);
  'at': (string);
}
