// Original file: proto/activity.proto


export interface GetStatisticsRequest {
  'user_id'?: (string);
}

export interface GetStatisticsRequest__Output {
  'user_id': (string);
}
