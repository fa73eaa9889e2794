import { describe, expect, it } from '@jest/globals';
import { defaultFrom } from './statistics.controller.js';

describe('defaultFrom (the default window of a trend)', () => {
  it('should cover 30 days, 12 ISO weeks or 12 months up to `to`', () => {
    expect(defaultFrom('2026-11-28', 'day')).toBe('2026-10-30');
    expect(defaultFrom('2026-11-28', 'week')).toBe('2026-09-12');
    expect(defaultFrom('2026-11-28', 'month')).toBe('2025-12-01');
    expect(defaultFrom('2024-03-01', 'day')).toBe('2024-02-01');
  });

  it('should leave an invalid `to` for the activity service to refuse', () => {
    expect(defaultFrom('2026-02-30x', 'week')).toBe('2026-02-30x');
  });
});
