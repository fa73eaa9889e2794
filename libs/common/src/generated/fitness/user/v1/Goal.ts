// Original file: proto/user.proto


export interface Goal {
  'goal_id'?: (string);
  'user_id'?: (string);
  'goal_type'?: (string);
  'target_value'?: (number | string);
  'target_date'?: (string);
  'current_progress'?: (number | string);
  'achieved_at'?: (string);
  'created_at'?: (string);
  '_achieved_at'?: "achieved_at";
}

export interface Goal__Output {
  'goal_id': (string);
  'user_id': (string);
  'goal_type': (string);
  'target_value': (number);
  'target_date': (string);
  'current_progress': (number);
  'achieved_at'?: (string);
  'created_at': (string);
  '_achieved_at'?: "achieved_at";
}
