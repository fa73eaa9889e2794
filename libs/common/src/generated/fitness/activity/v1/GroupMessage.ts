// Original file: proto/activity.proto


export interface GroupMessage {
  'user_id'?: (string);
  'username'?: (string);
  'message'?: (string);
  'sent_at'?: (string);
}

export interface GroupMessage__Output {
  'user_id': (string);
  'username': (string);
  'message': (string);
  'sent_at': (string);
}
