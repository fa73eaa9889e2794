// Original file: proto/activity.proto


export interface SaveGroupSessionResponse {
  'created'?: (boolean);
}

export interface SaveGroupSessionResponse__Output {
  'created': (boolean);
}
