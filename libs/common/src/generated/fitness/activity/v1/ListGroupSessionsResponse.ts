// Original file: proto/activity.proto

import type { GroupSession as _fitness_activity_v1_GroupSession, GroupSession__Output as _fitness_activity_v1_GroupSession__Output } from '../../../fitness/activity/v1/GroupSession.js';

export interface ListGroupSessionsResponse {
  'items'?: (_fitness_activity_v1_GroupSession)[];
}

export interface ListGroupSessionsResponse__Output {
  'items': (_fitness_activity_v1_GroupSession__Output)[];
}
