import { describe, expect, it, jest } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import {
  JwtCodec,
  type DomainError,
  type LeaderboardStore,
  type ProfileCache,
} from '@fitness/common';
import { PasswordService } from './password.service.js';
import type { UserEntity } from './user.entity.js';
import type { UserRepository } from './user.repository.js';
import { UserService } from './user.service.js';

describe(UserService.name, () => {
  const passwords = new PasswordService();
  const jwt = new JwtCodec('unit-test-secret-0123456789', 600);
  const stored: UserEntity[] = [];
  const repo = {
    insert: jest.fn((u: UserEntity) => {
      const saved = { ...u, createdAt: new Date('2026-11-25T00:00:00Z') };
      stored.push(saved);
      return Promise.resolve(saved);
    }),
    findByEmail: jest.fn((email: string) =>
      Promise.resolve(stored.find((u) => u.email === email) ?? null),
    ),
    findById: jest.fn((id: string) => Promise.resolve(stored.find((u) => u.id === id) ?? null)),
    update: jest.fn((id: string, changes: Partial<UserEntity>) => {
      const user = stored.find((u) => u.id === id);
      if (user) {
        Object.assign(user, changes);
      }
      return Promise.resolve(user ?? null);
    }),
  };
  const cached = new Map<string, unknown>();
  const events: string[] = [];
  const cache = {
    get: jest.fn((id: string) => Promise.resolve(cached.get(id))),
    set: jest.fn((p: { user_id: string }) => {
      cached.set(p.user_id, p);
      return Promise.resolve();
    }),
    invalidate: jest.fn((id: string) => {
      events.push(`invalidate ${id}`);
      cached.delete(id);
      return Promise.resolve();
    }),
  };
  const leaderboards = {
    setVisibility: jest.fn((id: string, visible: boolean, name: string) => {
      events.push(`leaderboard ${id} ${visible ? 'list' : 'hide'} ${name}`);
      return Promise.resolve();
    }),
  };
  const sut = new UserService(
    repo as unknown as UserRepository,
    passwords,
    jwt,
    cache as unknown as ProfileCache,
    leaderboards as unknown as LeaderboardStore,
  );

  it('should store an argon2id hash and a lower-cased email', async () => {
    await passwords.onModuleInit();
    const user = await sut.register({
      username: 'Alice',
      email: 'Alice@Example.COM',
      password: 'correct horse',
    });
    expect(user).toMatchObject({ username: 'Alice', email: 'alice@example.com' });
    expect(stored[0]?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored[0]?.passwordHash).not.toContain('correct horse');
  });

  it('should log in with the right password and issue a token for the user', async () => {
    const res = await sut.login({ email: 'ALICE@example.com', password: 'correct horse' });
    expect(jwt.verify(res.token).userId).toBe(res.user_id);
  });

  it('should fail an unknown email and a wrong password with the same error', async () => {
    const wrong = (await sut
      .login({ email: 'alice@example.com', password: 'nope' })
      .catch((e: unknown) => e)) as DomainError;
    const unknown = (await sut
      .login({ email: 'bob@example.com', password: 'correct horse' })
      .catch((e: unknown) => e)) as DomainError;
    expect(wrong.code).toBe(status.UNAUTHENTICATED);
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
  });

  it('should refuse bad input naming the field', async () => {
    for (const [req, field] of [
      [{ username: 'a', email: 'a@b.co', password: 'long enough' }, 'username'],
      [{ username: 'abc', email: 'nope', password: 'long enough' }, 'email'],
      [{ username: 'abc', email: 'a@b.co', password: 'short' }, 'password'],
    ] as const) {
      const err = (await sut.register(req).catch((e: unknown) => e)) as DomainError;
      expect([err.code, err.field]).toEqual([status.INVALID_ARGUMENT, field]);
    }
  });

  it('should cache the profile at login and answer the next read from the cache', async () => {
    const res = await sut.login({ email: 'alice@example.com', password: 'correct horse' });
    expect(cached.get(res.user_id)).toMatchObject({ user_id: res.user_id, username: 'Alice' });
    repo.findById.mockClear();
    await expect(sut.get(res.user_id)).resolves.toMatchObject({ email: 'alice@example.com' });
    expect(repo.findById).not.toHaveBeenCalled();
  });

  it('should fill the cache on a miss (cache-aside)', async () => {
    const id = stored[0]?.id;
    cached.clear();
    await expect(sut.get(id)).resolves.toMatchObject({ user_id: id });
    expect(repo.findById).toHaveBeenCalledWith(id);
    expect(cached.has(id)).toBe(true);
  });

  it('should invalidate the cached profile after the change is written', async () => {
    const id = stored[0]?.id;
    repo.update.mockImplementationOnce((uid: string, changes: Partial<UserEntity>) => {
      events.push(`update ${uid}`);
      const user = stored.find((u) => u.id === uid) as UserEntity;
      Object.assign(user, changes);
      return Promise.resolve(user);
    });
    await expect(sut.update({ user_id: id, weight_kg: 72 })).resolves.toMatchObject({
      weight_kg: 72,
    });
    expect(events.slice(-2)).toEqual([`update ${id}`, `invalidate ${id}`]);
    expect(cached.has(id)).toBe(false);
    await expect(sut.get(id)).resolves.toMatchObject({ weight_kg: 72 });
  });

  describe('leaderboard_visible', () => {
    function trackUpdates(): void {
      repo.update.mockImplementation((uid: string, changes: Partial<UserEntity>) => {
        events.push(`update ${uid}`);
        const user = stored.find((u) => u.id === uid) as UserEntity;
        Object.assign(user, changes);
        return Promise.resolve(user);
      });
    }

    it('should be false for a new user', () => {
      expect(stored[0]?.leaderboardVisible).toBe(false);
    });

    it('should list the user on the leaderboards only after the database says so', async () => {
      const id = stored[0]?.id;
      trackUpdates();
      events.length = 0;
      await expect(sut.update({ user_id: id, leaderboard_visible: true })).resolves.toMatchObject({
        leaderboard_visible: true,
      });
      expect(events).toEqual([`update ${id}`, `invalidate ${id}`, `leaderboard ${id} list Alice`]);
    });

    it('should list a listed user under their new name', async () => {
      const id = stored[0]?.id;
      events.length = 0;
      await sut.update({ user_id: id, username: 'Alice_runs' });
      expect(events).toEqual([
        `update ${id}`,
        `invalidate ${id}`,
        `leaderboard ${id} list Alice_runs`,
      ]);
    });

    it('should take the user off the leaderboards before the database says so', async () => {
      const id = stored[0]?.id;
      events.length = 0;
      await expect(sut.update({ user_id: id, leaderboard_visible: false })).resolves.toMatchObject({
        leaderboard_visible: false,
      });
      expect(events).toEqual([
        `leaderboard ${id} hide Alice_runs`,
        `update ${id}`,
        `invalidate ${id}`,
      ]);
    });

    it('should keep a hidden user off the leaderboards when they change their name', async () => {
      const id = stored[0]?.id;
      events.length = 0;
      await sut.update({ user_id: id, username: 'Alice' });
      expect(events).toEqual([`update ${id}`, `invalidate ${id}`]);
    });

    it('should change nothing when the leaderboards cannot hide the user', async () => {
      const id = stored[0]?.id;
      await sut.update({ user_id: id, leaderboard_visible: true });
      leaderboards.setVisibility.mockRejectedValueOnce(new Error('Connection is closed.'));
      await expect(sut.update({ user_id: id, leaderboard_visible: false })).rejects.toThrow(
        'Connection is closed.',
      );
      expect(stored[0]?.leaderboardVisible).toBe(true);
    });
  });
});
