import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DAY_MS, isoDay, periodStart } from '../calendar.js';
import { REDIS } from '../redis/redis.token.js';

/**
 * Leaderboards in Redis sorted sets, one per metric and period, in two scopes: `all` (every user,
 * for the caller's own rank) and `visible` (only users who chose to be listed). The activity service
 * sets a user's scores as their workouts end (absolute values read from its MongoDB counters, so a
 * repeated sync changes nothing); the user service moves users in and out of `visible` as they
 * change `leaderboard_visible`. Both sides are one Lua script each, so a workout ending while its
 * user changes visibility leaves no stale entry. Everything is rebuildable: `make
 * leaderboards-rebuild`.
 */
export const LEADERBOARD_METRICS = ['workouts', 'duration', 'calories_burned'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export const LEADERBOARD_PERIODS = ['week', 'month', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** A user's score on every board: metric → period → value. */
export type LeaderboardScores = Record<LeaderboardMetric, Record<LeaderboardPeriod, number>>;

export interface LeaderboardEntry {
  rank: number;
  user_id: string;
  username: string;
  value: number;
}

export interface Leaderboard {
  items: LeaderboardEntry[];
  me: { rank: number; value: number };
}

const PREFIX = 'lb:v1';
export const LEADERBOARD_VISIBLE_KEY = `${PREFIX}:visible`;
export const LEADERBOARD_NAMES_KEY = `${PREFIX}:names`;
/** A week or month board outlives its period by this much (then Redis drops it). */
const KEEP_AFTER_PERIOD_S = 35 * 86_400;

interface Board {
  metric: LeaderboardMetric;
  period: LeaderboardPeriod;
  all: string;
  visible: string;
  /** Seconds to keep the board from now; 0 = forever. */
  ttl: number;
}

function boardKey(scope: string, metric: string, period: LeaderboardPeriod, now: Date): string {
  return period === 'all'
    ? `${PREFIX}:${scope}:${metric}:all`
    : `${PREFIX}:${scope}:${metric}:${period}:${isoDay(periodStart(now, period))}`;
}

function board(metric: LeaderboardMetric, period: LeaderboardPeriod, now: Date): Board {
  let ttl = 0;
  if (period !== 'all') {
    const start = periodStart(now, period).getTime();
    const length = period === 'week' ? 7 * DAY_MS : 31 * DAY_MS;
    ttl = Math.ceil((start + length - now.getTime()) / 1000) + KEEP_AFTER_PERIOD_S;
  }
  return {
    metric,
    period,
    all: boardKey('all', metric, period, now),
    visible: boardKey('visible', metric, period, now),
    ttl,
  };
}

/** The boards of the current week, month and all time, for every metric (9). */
export function currentBoards(now: Date): Board[] {
  return LEADERBOARD_METRICS.flatMap((m) => LEADERBOARD_PERIODS.map((p) => board(m, p, now)));
}

const BOARDS = LEADERBOARD_METRICS.length * LEADERBOARD_PERIODS.length;

// KEYS: visible set, then the 9 `all` boards, then the 9 `visible` boards.
// ARGV: user, then 9 scores, then 9 TTLs (0 = none). A user's values on a board only grow (a board
// is one period's), so a score only ever raises the entry (GT): a sync that read its values
// before a concurrent one never lowers what the later one wrote, and needs no lock. A score of 0
// writes nothing.
const SYNC = `
local n = ${BOARDS}
local user = ARGV[1]
local listed = redis.call('SISMEMBER', KEYS[1], user) == 1
for i = 1, n do
  local score, ttl = ARGV[1 + i], tonumber(ARGV[1 + n + i])
  local all, visible = KEYS[1 + i], KEYS[1 + n + i]
  if tonumber(score) > 0 then
    redis.call('ZADD', all, 'GT', score, user)
    if listed then
      redis.call('ZADD', visible, 'GT', score, user)
    else
      redis.call('ZREM', visible, user)
    end
  end
  if ttl > 0 then
    redis.call('EXPIRE', all, ttl)
    redis.call('EXPIRE', visible, ttl)
  end
end
return 1
`;

// KEYS: visible set, names hash, the 9 `all` boards, the 9 `visible` boards.
// ARGV: user, '1' to list or '0' to hide, username, then 9 TTLs.
const VISIBILITY = `
local n = ${BOARDS}
local user = ARGV[1]
if ARGV[2] == '1' then
  redis.call('SADD', KEYS[1], user)
  redis.call('HSET', KEYS[2], user, ARGV[3])
  for i = 1, n do
    local score = redis.call('ZSCORE', KEYS[2 + i], user)
    if score then
      redis.call('ZADD', KEYS[2 + n + i], score, user)
      local ttl = tonumber(ARGV[3 + i])
      if ttl > 0 then redis.call('EXPIRE', KEYS[2 + n + i], ttl) end
    end
  end
else
  redis.call('SREM', KEYS[1], user)
  redis.call('HDEL', KEYS[2], user)
  for i = 1, n do redis.call('ZREM', KEYS[2 + n + i], user) end
end
return 1
`;

// KEYS: the visible board, the all board, names hash. ARGV: limit, user.
// Returns {top (user, score pairs), their names, the caller's score or false, how many listed users
// score more than the caller}.
const READ = `
local top = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local names = {}
for i = 1, #top, 2 do names[#names + 1] = top[i] end
if #names > 0 then names = redis.call('HMGET', KEYS[3], unpack(names)) end
local mine = redis.call('ZSCORE', KEYS[2], ARGV[2])
local above
if mine then
  above = redis.call('ZCOUNT', KEYS[1], '(' .. mine, '+inf')
else
  above = redis.call('ZCOUNT', KEYS[1], '(0', '+inf')
end
return {top, names, mine, above}
`;

export interface Rankable {
  user_id: string;
  value: number;
}

/** Competition ranking ("1224") of entries sorted best first: ties share a rank. */
export function rankSorted<T extends Rankable>(sorted: T[]): (T & { rank: number })[] {
  let rank = 0;
  return sorted.map((e, i) => {
    if (i === 0 || e.value !== sorted[i - 1].value) {
      rank = i + 1;
    }
    return { ...e, rank };
  });
}

/** The scripts above, defined on the client (EVALSHA, loaded once). */
interface LeaderboardScripts {
  lbSync(...keysAndArgs: string[]): Promise<number>;
  lbVisibility(...keysAndArgs: string[]): Promise<number>;
  lbRead(...keysAndArgs: string[]): Promise<[string[], (string | null)[], string | null, number]>;
}

@Injectable()
export class LeaderboardStore {
  private readonly scripts: LeaderboardScripts;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    redis.defineCommand('lbSync', { numberOfKeys: 1 + 2 * BOARDS, lua: SYNC });
    redis.defineCommand('lbVisibility', { numberOfKeys: 2 + 2 * BOARDS, lua: VISIBILITY });
    redis.defineCommand('lbRead', { numberOfKeys: 3, lua: READ });
    this.scripts = redis as unknown as LeaderboardScripts;
  }

  /**
   * Raises the user's scores on the current boards to these values (absolute values: repeating it,
   * or an older sync arriving late, is harmless).
   */
  async sync(userId: string, scores: LeaderboardScores, now = new Date()): Promise<void> {
    const boards = currentBoards(now);
    await this.scripts.lbSync(
      LEADERBOARD_VISIBLE_KEY,
      ...boards.map((b) => b.all),
      ...boards.map((b) => b.visible),
      userId,
      ...boards.map((b) => String(scores[b.metric][b.period])),
      ...boards.map((b) => String(b.ttl)),
    );
  }

  /** Lists the user (under this name) on the boards, or takes them off. */
  async setVisibility(
    userId: string,
    visible: boolean,
    username: string,
    now = new Date(),
  ): Promise<void> {
    const boards = currentBoards(now);
    await this.scripts.lbVisibility(
      LEADERBOARD_VISIBLE_KEY,
      LEADERBOARD_NAMES_KEY,
      ...boards.map((b) => b.all),
      ...boards.map((b) => b.visible),
      userId,
      visible ? '1' : '0',
      username,
      ...boards.map((b) => String(b.ttl)),
    );
  }

  /**
   * The top `limit` listed users (ties ranked alike) and the caller's own rank as if listed: one
   * more than the listed users who score more.
   */
  async read(
    metric: LeaderboardMetric,
    period: LeaderboardPeriod,
    limit: number,
    userId: string,
    now = new Date(),
  ): Promise<Leaderboard> {
    const b = board(metric, period, now);
    const [top, names, mine, above] = await this.scripts.lbRead(
      b.visible,
      b.all,
      LEADERBOARD_NAMES_KEY,
      String(limit),
      userId,
    );
    const entries: Rankable[] = [];
    for (let i = 0; i < top.length; i += 2) {
      entries.push({ user_id: top[i], value: Number(top[i + 1]) });
    }
    return {
      items: rankSorted(entries).map((e, i) => ({
        rank: e.rank,
        user_id: e.user_id,
        username: names[i] ?? '',
        value: e.value,
      })),
      me: { rank: above + 1, value: mine === null ? 0 : Number(mine) },
    };
  }

  /** Empties the visibility set and names (before the user service lists the visible users again). */
  async resetVisibility(): Promise<void> {
    await this.redis.del(LEADERBOARD_VISIBLE_KEY, LEADERBOARD_NAMES_KEY);
  }

  /** Empties the current boards (before the activity service syncs every user again). */
  async resetBoards(now = new Date()): Promise<void> {
    const boards = currentBoards(now);
    await this.redis.del(...boards.flatMap((b) => [b.all, b.visible]));
  }
}
