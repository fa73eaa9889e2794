// `.ci/run`'s exit code is the verdict CI reads: run the real script in a scratch copy of the
// repository with `make` and the tools installer replaced by stubs, and check that it exits 0
// exactly when every step passed, whenever its background prefetch ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

function script(path, body) {
  writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/**
 * Runs `.ci/run` with a `make` that fails the targets in `failing` and a prefetch that takes
 * `prefetchSeconds` and exits `prefetchCode`.
 */
function ciRun({ failing = [], prefetchSeconds = 0, prefetchCode = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-run-'));
  try {
    mkdirSync(join(dir, '.ci'));
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, '.ci/run'), join(dir, '.ci/run'));
    script(
      join(dir, 'scripts/install-tools.sh'),
      `sleep ${prefetchSeconds}; echo prefetch "$@"; exit ${prefetchCode}`,
    );
    script(
      join(dir, 'bin/make'),
      `echo "make $1"; case " ${failing.join(' ')} " in *" $1 "*) exit 2;; esac; sleep 0.2`,
    );
    const res = spawnSync('bash', [join(dir, '.ci/run')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
    });
    return { code: res.status, out: res.stdout + res.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.ci/run', () => {
  it('exits 0 when every step passes (the prefetch long over when its EXIT trap runs)', () => {
    // The prefetch is long done when the EXIT trap tries to stop it: that must not fail the run.
    const { code, out } = ciRun();
    assert.equal(code, 0, out);
    assert.match(out, /make test-cluster passed/);
    assert.match(out, /all passed/);
  });

  it('goes on and says so when the prefetch fails (test-cluster builds the tools itself)', () => {
    const { code, out } = ciRun({ prefetchCode: 1 });
    assert.equal(code, 0, out);
    assert.match(out, /building the cluster tools in the background failed/);
  });

  for (const step of ['test', 'test-images', 'test-cluster']) {
    it(`fails, and runs no later step, when make ${step} fails`, () => {
      const { code, out } = ciRun({ failing: [step], prefetchSeconds: 5 });
      assert.notEqual(code, 0, out);
      assert.doesNotMatch(out, /all passed/);
      assert.doesNotMatch(out, new RegExp(`make ${step} passed`));
    });
  }
});
