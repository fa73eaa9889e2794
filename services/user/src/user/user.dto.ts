import type { UserResponse } from '@fitness/common';
import type { UserEntity } from './user.entity.js';

export type UserMessage = UserResponse<'GetUser'>;

export function mapUser(user: UserEntity): UserMessage {
  return {
    user_id: user.id,
    username: user.username,
    email: user.email,
    ...(user.weightKg === null ? {} : { weight_kg: user.weightKg }),
    ...(user.heightCm === null ? {} : { height_cm: user.heightCm }),
    created_at: user.createdAt.toISOString(),
    leaderboard_visible: user.leaderboardVisible,
  };
}
