import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, jest } from '@jest/globals';
import { PROFILES, ROOT } from '../scripts/stack.mjs';

const run = promisify(execFile);

// The flow itself may take up to 30 s on a loaded machine (the run's own timeout).
jest.setTimeout(60_000);

/** The README's curl flow, pointed at the test stack's replicas instead of make up's. */
function readmeFlow(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## The flow with curl[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) {
    throw new Error('README.md has no "The flow with curl" sh block');
  }
  const [a, b] = PROFILES.test.gateway;
  return block
    .replaceAll('127.0.0.1:3000', `127.0.0.1:${a}`)
    .replaceAll('127.0.0.1:3001', `127.0.0.1:${b}`);
}

describe('README', () => {
  it('should document a curl flow that works as written', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', readmeFlow()], {
      timeout: 30_000,
    });
    const answers = stdout
      .split(/(?<=\})(?=\{)/)
      .map((s) => JSON.parse(s) as Record<string, unknown>);
    expect(answers.some((a) => 'error' in a)).toBe(false);
    expect(answers).toContainEqual(
      expect.objectContaining({ total_workouts: 1, total_duration: expect.any(Number) }),
    );
    expect(answers).toContainEqual(
      expect.objectContaining({ goal_type: 'workouts', target_value: 3 }),
    );
  });
});
