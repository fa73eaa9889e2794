// Original file: proto/activity.proto


export interface ListWorkoutsRequest {
  'user_id'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListWorkoutsRequest__Output {
  'user_id': (string);
  'limit': (number);
  'cursor': (string);
}
