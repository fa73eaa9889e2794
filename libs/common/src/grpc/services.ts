import type { ActivityServiceDefinition } from '../generated/fitness/activity/v1/ActivityService.js';
import type { UserServiceDefinition } from '../generated/fitness/user/v1/UserService.js';
import type { HandlerRequestOf, HandlerResponseOf, ResponseOf } from './client.js';

export type { ActivityServiceDefinition, UserServiceDefinition };
export type { HealthDefinition } from '../generated/grpc/health/v1/Health.js';

/** What a handler of the user service's method K receives and returns. */
export type UserRequest<K extends keyof UserServiceDefinition> = HandlerRequestOf<
  UserServiceDefinition,
  K
>;
export type UserResponse<K extends keyof UserServiceDefinition> = HandlerResponseOf<
  UserServiceDefinition,
  K
>;

/** What a handler of the activity service's method K receives and returns. */
export type ActivityRequest<K extends keyof ActivityServiceDefinition> = HandlerRequestOf<
  ActivityServiceDefinition,
  K
>;
export type ActivityResponse<K extends keyof ActivityServiceDefinition> = HandlerResponseOf<
  ActivityServiceDefinition,
  K
>;

/** What a caller of the user service's method K gets back (defaults filled in). */
export type UserReply<K extends keyof UserServiceDefinition> = ResponseOf<UserServiceDefinition, K>;

/** What a caller of the activity service's method K gets back (defaults filled in). */
export type ActivityReply<K extends keyof ActivityServiceDefinition> = ResponseOf<
  ActivityServiceDefinition,
  K
>;
