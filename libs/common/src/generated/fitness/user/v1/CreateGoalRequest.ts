// Original file: proto/user.proto


export interface CreateGoalRequest {
  'user_id'?: (string);
  'goal_type'?: (string);
  'target_value'?: (number | string);
  'target_date'?: (string);
}

export interface CreateGoalRequest__Output {
  'user_id': (string);
  'goal_type': (string);
  'target_value': (number);
  'target_date': (string);
}
