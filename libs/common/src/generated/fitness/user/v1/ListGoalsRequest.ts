// Original file: proto/user.proto


export interface ListGoalsRequest {
  'user_id'?: (string);
}

export interface ListGoalsRequest__Output {
  'user_id': (string);
}
