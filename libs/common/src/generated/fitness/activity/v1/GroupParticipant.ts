// Original file: proto/activity.proto


export interface GroupParticipant {
  'user_id'?: (string);
  'username'?: (string);
  'joined_at'?: (string);
  'duration'?: (number | string);
}

export interface GroupParticipant__Output {
  'user_id': (string);
  'username': (string);
  'joined_at': (string);
  'duration': (number);
}
