// Original file: proto/user.proto


export interface ClaimGoalAlertsRequest {
  'user_id'?: (string);
  'goal_ids'?: (string)[];
}

export interface ClaimGoalAlertsRequest__Output {
  'user_id': (string);
  'goal_ids': (string)[];
}
