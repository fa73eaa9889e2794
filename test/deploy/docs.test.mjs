// The documentation stays true: every variable the services validate is documented, the README
// stays a short front page, and every relative link of the README and docs/ leads somewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './lib.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const ENV_SOURCES = [
  'libs/common/src/config.ts',
  'services/gateway/src/config/env.dto.ts',
  'services/user/src/config/env.dto.ts',
  'services/activity/src/config/env.dto.ts',
];

/** The environment variables of an env DTO: its UPPER_CASE properties. */
function envVariables(source) {
  return [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?:/gm)].map((m) => m[1]);
}

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('documentation', () => {
  it('documents every environment variable the services validate', () => {
    const doc = read('docs/configuration.md');
    const variables = [...new Set(ENV_SOURCES.flatMap((f) => envVariables(read(f))))];
    assert.ok(variables.length > 20, `found only ${variables.length} variables: parser broken?`);
    assert.deepEqual(
      variables.filter((v) => !doc.includes(`\`${v}\``)),
      [],
      'variables missing from docs/configuration.md',
    );
  });

  it('keeps the README a front page: under 300 lines, with a table of contents', () => {
    const readme = read('README.md');
    assert.ok(readme.split('\n').length < 300, 'README.md has 300 lines or more');
    for (const heading of readme.match(/^## .+$/gm) ?? []) {
      const anchor = heading
        .slice(3)
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-');
      assert.ok(readme.includes(`(#${anchor})`), `no table-of-contents entry for "${heading}"`);
    }
  });

  it('has no relative link to a file or a heading that does not exist', () => {
    const broken = [];
    for (const page of pages) {
      const text = read(page);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const path = file ? resolve(dirname(join(ROOT, page)), file) : join(ROOT, page);
        if (!existsSync(path)) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (anchor && path.endsWith('.md')) {
          const headings = (readFileSync(path, 'utf8').match(/^#+ .+$/gm) ?? []).map((h) =>
            h
              .replace(/^#+ /, '')
              .toLowerCase()
              .replace(/[^a-z0-9 -]/g, '')
              .replace(/ /g, '-'),
          );
          if (!headings.includes(anchor)) broken.push(`${page}: ${target} (no such heading)`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
