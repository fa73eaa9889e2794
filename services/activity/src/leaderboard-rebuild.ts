import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { LeaderboardStore, REDIS, RedisModule, errorMessage, redisReady } from '@fitness/common';
import { StatisticsRepository } from './statistics/statistics.repository.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { StatisticsService } from './statistics/statistics.service.js';

const PAGE = 500;

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        uri: config.getOrThrow<string>('MONGO_URL'),
        serverSelectionTimeoutMS: 10_000,
      }),
    }),
    RedisModule,
    StatisticsModule,
  ],
})
class RebuildModule {}

/**
 * Second half of `make leaderboards-rebuild` (after the user service's half listed the visible
 * users again): empties the current boards and sets every user's scores from the statistics
 * counters in MongoDB, each under the user's lock, so workouts ending meanwhile are not lost.
 */
async function main(): Promise<void> {
  if (!process.env.MONGO_URL || !process.env.REDIS_URL) {
    throw new Error('MONGO_URL and REDIS_URL are required');
  }
  const app = await NestFactory.createApplicationContext(RebuildModule, {
    logger: ['error', 'warn'],
  });
  try {
    const stats = app.get(StatisticsRepository);
    const statistics = app.get(StatisticsService);
    await redisReady(app.get<Parameters<typeof redisReady>[0]>(REDIS));
    await app.get(LeaderboardStore).resetBoards();
    const total = await stats.countUsers();
    let done = 0;
    let after = '';
    for (;;) {
      const ids = await stats.userIdsAfter(after, PAGE);
      if (ids.length === 0) {
        break;
      }
      for (const id of ids) {
        await statistics.syncLeaderboard(id);
      }
      done += ids.length;
      after = ids[ids.length - 1];
      console.log(`leaderboards: scored ${done}/${total} users`);
    }
    console.log(`leaderboards: rebuilt from ${done} users' statistics`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(`leaderboard rebuild (activity) failed: ${errorMessage(err)}`);
  process.exit(1);
});
