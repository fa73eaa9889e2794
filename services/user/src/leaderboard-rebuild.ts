import 'reflect-metadata';
import { Redis } from 'ioredis';
import { DataSource, MoreThan } from 'typeorm';
import { LeaderboardStore, errorMessage } from '@fitness/common';
import { dataSourceOptions } from './database/data-source.js';
import { UserEntity } from './user/user.entity.js';

const PAGE = 500;

/**
 * First half of `make leaderboards-rebuild` (after Redis lost its data): lists again on the
 * leaderboards every user whose profile says `leaderboard_visible`, under their current name. The
 * activity service's half (`services/activity/dist/leaderboard-rebuild.js`) then sets everyone's
 * scores from MongoDB.
 */
async function main(): Promise<void> {
  const { DATABASE_URL: url, REDIS_URL: redisUrl } = process.env;
  if (!url || !redisUrl) {
    throw new Error('DATABASE_URL and REDIS_URL are required');
  }
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  await dataSource.initialize();
  try {
    const users = dataSource.getRepository(UserEntity);
    const store = new LeaderboardStore(redis);
    const total = await users.countBy({ leaderboardVisible: true });
    await store.resetVisibility();
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await users.find({
        select: { id: true, username: true },
        where: { leaderboardVisible: true, id: MoreThan(after) },
        order: { id: 'ASC' },
        take: PAGE,
      });
      if (page.length === 0) {
        break;
      }
      for (const u of page) {
        await store.setVisibility(u.id, true, u.username);
      }
      done += page.length;
      after = page[page.length - 1].id;
      console.log(`leaderboards: listed ${done}/${total} visible users`);
    }
    console.log(`leaderboards: ${done} visible users listed`);
  } finally {
    await dataSource.destroy();
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`leaderboard rebuild (users) failed: ${errorMessage(err)}`);
  process.exit(1);
});
