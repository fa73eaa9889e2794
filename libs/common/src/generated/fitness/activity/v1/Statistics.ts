// Original file: proto/activity.proto

import type { Long } from '@grpc/proto-loader';

export interface Statistics {
  'total_workouts'?: (number | string | Long);
  'total_duration'?: (number | string);
  'total_calories_burned'?: (number | string);
  'average_session_duration'?: (number | string);
}

export interface Statistics__Output {
  'total_workouts': (number);
  'total_duration': (number);
  'total_calories_burned': (number);
  'average_session_duration': (number);
}
