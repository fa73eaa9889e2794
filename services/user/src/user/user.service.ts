import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  HEIGHT_RANGE,
  InvalidArgumentError,
  JwtCodec,
  LeaderboardStore,
  WEIGHT_RANGE,
  isUuid,
  requireSafeText,
  NotFoundError,
  ProfileCache,
  UnauthenticatedError,
  type UserRequest,
} from '@fitness/common';
import { PasswordService } from './password.service.js';
import { mapUser, type UserMessage } from './user.dto.js';
import { UserEntity } from './user.entity.js';
import { UserRepository, type UserChanges } from './user.repository.js';
import { checkEmail, checkPassword, checkRange, checkUsername } from './user.validation.js';

export interface LoginResult {
  token: string;
  user_id: string;
  expires_at: string;
}

const BAD_CREDENTIALS = 'invalid email or password';

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    @Inject(JwtCodec) private readonly jwt: JwtCodec,
    private readonly profiles: ProfileCache,
    private readonly leaderboards: LeaderboardStore,
  ) {}

  async register(req: UserRequest<'Register'>): Promise<UserMessage> {
    const user = new UserEntity();
    user.id = randomUUID();
    user.username = checkUsername(req.username);
    user.email = checkEmail(req.email);
    user.passwordHash = await this.passwords.hash(checkPassword(req.password));
    user.weightKg = null;
    user.heightCm = null;
    user.leaderboardVisible = false;
    return mapUser(await this.users.insert(user));
  }

  /** An unknown email and a wrong password fail alike, in message and in time. */
  async login(req: UserRequest<'Login'>): Promise<LoginResult> {
    const email = requireSafeText(req.email, 'email').trim().toLowerCase();
    requireSafeText(req.password, 'password');
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash, req.password);
    if (!user || !ok) {
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    const { token, expiresAt } = this.jwt.sign(user.id);
    // The profile read that follows a login is then served by the gateway from Redis.
    await this.profiles.set(mapUser(user));
    return { token, user_id: user.id, expires_at: expiresAt.toISOString() };
  }

  /** Cache-aside: Redis first, else PostgreSQL and fill the cache. */
  async get(userId: string): Promise<UserMessage> {
    const cached = isUuid(userId) ? await this.profiles.get(userId) : undefined;
    if (cached) {
      return cached;
    }
    const profile = mapUser(await this.require(userId));
    await this.profiles.set(profile);
    return profile;
  }

  /**
   * Changes the profile. A change of `leaderboard_visible` (or of the name of a listed user) also
   * reaches the leaderboards in Redis, in the order that never lists anyone against their will:
   * hidden there before PostgreSQL says so, listed there only after. Should Redis fail, the answer
   * is an error and repeating the request completes it.
   */
  async update(req: UserRequest<'UpdateUser'>): Promise<UserMessage> {
    const before = await this.require(req.user_id);
    const changes: UserChanges = {};
    if (req.username !== undefined) {
      changes.username = checkUsername(req.username);
    }
    if (req.weight_kg !== undefined) {
      changes.weightKg = checkRange(req.weight_kg, WEIGHT_RANGE, 'weight_kg');
    }
    if (req.height_cm !== undefined) {
      changes.heightCm = checkRange(req.height_cm, HEIGHT_RANGE, 'height_cm');
    }
    if (req.leaderboard_visible !== undefined) {
      changes.leaderboardVisible = req.leaderboard_visible;
    }
    if (Object.keys(changes).length === 0) {
      throw new InvalidArgumentError(
        'nothing to update: give username, weight_kg, height_cm or leaderboard_visible',
      );
    }
    if (changes.leaderboardVisible === false) {
      await this.leaderboards.setVisibility(req.user_id, false, before.username);
    }
    const updated = await this.users.update(req.user_id, changes);
    // After the commit, so no reader can refill the cache with the old row in between.
    await this.profiles.invalidate(req.user_id);
    if (!updated) {
      throw new NotFoundError('user not found');
    }
    if (updated.leaderboardVisible && (changes.leaderboardVisible || changes.username)) {
      await this.leaderboards.setVisibility(updated.id, true, updated.username);
    }
    return mapUser(updated);
  }

  async require(userId: string): Promise<UserEntity> {
    const user = isUuid(userId) ? await this.users.findById(userId) : null;
    if (!user) {
      throw new NotFoundError('user not found');
    }
    return user;
  }
}
