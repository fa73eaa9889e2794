// No deployment path ships a secret: the chart generates its own, docker-compose.yml
// and the kustomize base refuse to run without secrets from a gitignored file, and
// scripts/gen-secrets.sh writes those files with random values, never over old ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import {
  CHART_DIR,
  GEN_SECRETS,
  ROOT,
  SECRET_KEY,
  URL_WITH_CREDENTIALS,
  byKind,
  composeSecrets,
  dockerCompose,
  helmTemplate,
  k8sWithSecrets,
  kustomize,
  run,
} from './lib.mjs';

/** Values the services refuse as published (libs/common/src/config.ts), and older shipped passwords. */
function publishedSecrets() {
  const config = readFileSync(join(ROOT, 'libs/common/src/config.ts'), 'utf8');
  const set = config.match(/PUBLISHED_SECRETS = new Set\(\[([^\]]*)\]\)/);
  assert.ok(set, 'PUBLISHED_SECRETS in libs/common/src/config.ts');
  const values = [...set[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.ok(values.length >= 2, 'published values found');
  return [...values, 'fitness-dev'];
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Every value of every Secret: { "Secret/<name without hash>/KEY": value }. */
function secretValues(objects) {
  const out = {};
  for (const s of byKind(objects, 'Secret')) {
    const name = s.metadata.name.replace(/-[a-z0-9]{10}$/, ''); // kustomize's hash suffix
    for (const [k, v] of Object.entries(s.data ?? {})) out[`Secret/${name}/${k}`] = v;
  }
  return out;
}

/** Keys whose value is the same in both renders: a value that comes from the repository. */
function fixedValues(a, b) {
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  assert.ok(Object.keys(a).length > 0, 'no secret values at all');
  return Object.keys(a).filter((k) => a[k] === b[k]);
}

describe('no secret ships with the deployment files', () => {
  it('no value the services refuse as published is in compose, k8s/ or the chart', () => {
    const files = [
      join(ROOT, 'docker-compose.yml'),
      ...filesUnder(join(ROOT, 'deploy/compose')),
      ...filesUnder(join(ROOT, 'k8s')).filter((f) => !/\/secrets\/[^/]+\.env$/.test(f)),
      ...filesUnder(CHART_DIR),
    ];
    const found = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const value of publishedSecrets()) {
        if (text.includes(value)) found.push(`${relative(ROOT, file)}: ${value}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('chart: every Secret value of the default render is generated (two renders share none)', () => {
    assert.deepEqual(fixedValues(secretValues(helmTemplate()), secretValues(helmTemplate())), []);
  });

  it('kustomize: every Secret value comes from the generated env files (two sets share none)', () => {
    const a = secretValues(kustomize('k8s/overlays/kind', { root: k8sWithSecrets() }));
    const b = secretValues(kustomize('k8s/overlays/kind', { root: k8sWithSecrets() }));
    assert.deepEqual(fixedValues(a, b), []);
  });

  it('kustomize: without the env files the render stops and names the missing file', () => {
    const bare = k8sWithSecrets({ generate: false });
    const res = run('kubectl', ['kustomize', join(bare, 'k8s/overlays/kind')], {
      allowFailure: true,
    });
    assert.notEqual(res.status, 0, 'rendered without secrets');
    assert.match(res.stderr, /env source files: \[secrets\/auth\.env\].*no such file/);
  });

  it('compose: `docker-compose config` fails without each secret variable, naming it', () => {
    for (const name of ['JWT_SECRET', 'INTERNAL_TOKEN_SECRET', 'POSTGRES_PASSWORD']) {
      const env = { ...composeSecrets(), [name]: '' };
      const res = dockerCompose(['config', '-q'], { env, allowFailure: true });
      assert.notEqual(res.status, 0, `config passed without ${name}`);
      assert.match(res.stderr, new RegExp(`${name} is not set - make compose-up writes a .env`));
    }
  });

  it('compose: every secret-bearing variable comes from the environment (two sets share none)', () => {
    const values = (env) => {
      const config = YAML.parse(dockerCompose(['config'], { env }).stdout);
      const out = {};
      for (const [svc, def] of Object.entries(config.services)) {
        for (const [k, v] of Object.entries(def.environment ?? {})) {
          if (SECRET_KEY.test(k) || URL_WITH_CREDENTIALS.test(String(v))) out[`${svc}/${k}`] = v;
        }
      }
      return out;
    };
    const a = values(composeSecrets());
    assert.ok('user/DATABASE_URL' in a && 'postgres/POSTGRES_PASSWORD' in a, Object.keys(a).join());
    assert.deepEqual(fixedValues(a, values(composeSecrets())), []);
  });
});

describe('scripts/gen-secrets.sh', () => {
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitness-gen-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const envFile = (path) =>
    Object.fromEntries(
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  it('compose: writes .env (mode 600) with three distinct 64-hex-character secrets', () => {
    const file = join(scratch(), '.env');
    run(GEN_SECRETS, ['compose', file]);
    const env = envFile(file);
    assert.deepEqual(Object.keys(env).sort(), [
      'INTERNAL_TOKEN_SECRET',
      'JWT_SECRET',
      'POSTGRES_PASSWORD',
    ]);
    for (const v of Object.values(env)) assert.match(v, /^[0-9a-f]{64}$/);
    assert.equal(new Set(Object.values(env)).size, 3);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // What compose reads from such a file is what it needs.
    assert.equal(
      dockerCompose(['config', '-q'], { env }).status,
      0,
      'compose accepts the generated values',
    );
  });

  it('never replaces an existing file, and a second file gets other values', () => {
    const dir = scratch();
    const file = join(dir, '.env');
    writeFileSync(file, 'JWT_SECRET=mine\n');
    const res = run(GEN_SECRETS, ['compose', file]);
    assert.match(res.stdout, /exists: kept/);
    assert.equal(readFileSync(file, 'utf8'), 'JWT_SECRET=mine\n');
    run(GEN_SECRETS, ['compose', join(dir, 'a.env')]);
    run(GEN_SECRETS, ['compose', join(dir, 'b.env')]);
    const [a, b] = ['a.env', 'b.env'].map((f) => envFile(join(dir, f)));
    for (const k of Object.keys(a)) assert.notEqual(a[k], b[k], k);
  });

  it('k8s: auth.env and datastores.env whose URLs carry the generated passwords', () => {
    const dir = join(scratch(), 'secrets');
    run(GEN_SECRETS, ['k8s', dir]);
    const auth = envFile(join(dir, 'auth.env'));
    const ds = envFile(join(dir, 'datastores.env'));
    assert.deepEqual(Object.keys(auth).sort(), ['INTERNAL_TOKEN_SECRET', 'JWT_SECRET']);
    for (const v of Object.values(auth)) assert.match(v, /^[0-9a-f]{64}$/);
    assert.equal(
      ds.DATABASE_URL,
      `postgres://fitness:${ds.POSTGRES_PASSWORD}@postgresql:5432/fitness`,
    );
    assert.equal(
      ds.MONGO_URL,
      `mongodb://root:${ds.MONGO_ROOT_PASSWORD}@mongodb:27017/fitness?authSource=admin`,
    );
    assert.equal(ds.REDIS_URL, `redis://:${ds.REDIS_PASSWORD}@redis:6379`);
    for (const f of ['auth.env', 'datastores.env']) {
      assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
    }
  });

  it('make compose-up and make k8s-secrets run it', () => {
    const mk = readFileSync(join(ROOT, 'mk/deploy.mk'), 'utf8');
    assert.match(mk, /^compose-up: compose-env /m);
    assert.match(mk, /^compose-env:.*\n\t@scripts\/gen-secrets\.sh compose \.env$/m);
    assert.match(mk, /^k8s-secrets:.*\n\t@scripts\/gen-secrets\.sh k8s k8s\/base\/secrets$/m);
    const ignored = run('git', ['check-ignore', '.env'], { allowFailure: true });
    assert.equal(ignored.status, 0, '.env is gitignored');
  });
});
