import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import { AlreadyExistsError } from '@fitness/common';
import { UserEntity } from './user.entity.js';

const UNIQUE_VIOLATION = '23505';
const FIELD_OF_CONSTRAINT = new Map([
  ['users_email_key', 'email'],
  ['users_username_key', 'username'],
]);

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email });
  }

  /** Inserts, turning a unique-index race into ALREADY_EXISTS naming the field. */
  async insert(user: UserEntity): Promise<UserEntity> {
    try {
      await this.repo.insert(user);
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    return (await this.findById(user.id)) as UserEntity;
  }

  async update(id: string, changes: UserChanges): Promise<UserEntity | null> {
    try {
      await this.repo.update({ id }, { ...changes, updatedAt: new Date() });
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    return this.findById(id);
  }
}

export type UserChanges = Partial<
  Pick<UserEntity, 'username' | 'weightKg' | 'heightCm' | 'leaderboardVisible'>
>;

function uniqueViolation(err: unknown): AlreadyExistsError | undefined {
  if (!(err instanceof QueryFailedError)) {
    return undefined;
  }
  const driverError = err.driverError as { code?: string; constraint?: string };
  if (driverError.code !== UNIQUE_VIOLATION) {
    return undefined;
  }
  const field = FIELD_OF_CONSTRAINT.get(driverError.constraint ?? '') ?? 'username';
  return new AlreadyExistsError(`${field} is already registered`, field);
}
