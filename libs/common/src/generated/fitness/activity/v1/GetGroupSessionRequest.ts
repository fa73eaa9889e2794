// Original file: proto/activity.proto


export interface GetGroupSessionRequest {
  'session_id'?: (string);
}

export interface GetGroupSessionRequest__Output {
  'session_id': (string);
}
