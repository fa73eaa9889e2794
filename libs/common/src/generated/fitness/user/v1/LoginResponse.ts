// Original file: proto/user.proto


export interface LoginResponse {
  'token'?: (string);
  'user_id'?: (string);
  'expires_at'?: (string);
}

export interface LoginResponse__Output {
  'token': (string);
  'user_id': (string);
  'expires_at': (string);
}
