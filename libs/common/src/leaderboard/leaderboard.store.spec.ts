import { describe, expect, it } from '@jest/globals';
import { currentBoards, rankSorted } from './leaderboard.store.js';

describe('rankSorted (competition ranking)', () => {
  it('should give ties the same rank and skip the ranks they take', () => {
    const ranked = rankSorted([
      { user_id: 'a', value: 9 },
      { user_id: 'b', value: 7 },
      { user_id: 'c', value: 7 },
      { user_id: 'd', value: 5 },
      { user_id: 'e', value: 5 },
      { user_id: 'f', value: 5 },
      { user_id: 'g', value: 1 },
    ]);
    expect(ranked.map((e) => e.rank)).toEqual([1, 2, 2, 4, 4, 4, 7]);
  });

  it('should rank an empty board as empty', () => {
    expect(rankSorted([])).toEqual([]);
  });
});

describe('currentBoards', () => {
  it('should name the boards of the ISO week and month of now, and keep them past their end', () => {
    const now = new Date('2026-11-29T23:00:00Z'); // a Sunday
    const boards = currentBoards(now);
    expect(boards).toHaveLength(9);
    const week = boards.find((b) => b.metric === 'duration' && b.period === 'week');
    expect(week?.all).toBe('lb:v1:all:duration:week:2026-11-23');
    expect(week?.visible).toBe('lb:v1:visible:duration:week:2026-11-23');
    // One hour left in the week, then 35 days.
    expect(week?.ttl).toBe(3600 + 35 * 86_400);
    const all = boards.find((b) => b.metric === 'workouts' && b.period === 'all');
    expect(all).toMatchObject({ all: 'lb:v1:all:workouts:all', ttl: 0 });
  });
});
