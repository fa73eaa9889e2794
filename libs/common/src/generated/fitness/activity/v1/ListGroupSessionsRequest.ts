// Original file: proto/activity.proto


export interface ListGroupSessionsRequest {
  'user_id'?: (string);
  'limit'?: (number);
}

export interface ListGroupSessionsRequest__Output {
  'user_id': (string);
  'limit': (number);
}
