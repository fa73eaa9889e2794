// Containers, offline: docker-compose.yml (validated by docker-compose itself,
// then checked against the contract), the nginx load balancer config, the
// Dockerfile of the three services (dockerfile.mjs) and .dockerignore. No engine
// is needed; no image is built.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  EXPECTED_ENV,
  LOG_LEVELS,
  ROOT,
  bytesOf,
  dockerCompose,
  redisMemoryProblems,
} from './lib.mjs';
import {
  DOCKERFILE,
  NATIVE_MODULES,
  NODE_IMAGE,
  SERVICES,
  checkBuild,
  checkDev,
  checkProdDeps,
  checkRuntime,
  checkServiceArg,
  checkStages,
  dockerfileModel,
} from './dockerfile.mjs';

const compose = (...args) => dockerCompose(args);

describe('docker-compose.yml', () => {
  let config;
  before(() => {
    config = YAML.parse(compose('config').stdout);
  });

  it('passes `docker-compose config -q`', () => {
    const res = compose('config', '-q');
    assert.equal(res.stdout.trim(), '');
  });

  it('has the datastores, the one-shot migration, the services and the load balancer', () => {
    assert.deepEqual(Object.keys(config.services).sort(), [
      'activity',
      'gateway',
      'mongo',
      'nginx',
      'postgres',
      'redis',
      'user',
      'user-migrate',
    ]);
    const image = (s) => config.services[s].image;
    assert.equal(image('mongo'), 'mongo:8.0');
    assert.equal(image('postgres'), 'postgres:17-alpine');
    assert.equal(image('redis'), 'redis:7.4-alpine');
    assert.equal(image('nginx'), 'nginx:1.27-alpine');
    for (const svc of SERVICES) {
      assert.equal(image(svc), `fitness-${svc}:0.1.0`);
      const { build } = config.services[svc];
      assert.equal(build.dockerfile, 'Dockerfile');
      assert.equal(join(build.context, build.dockerfile), DOCKERFILE);
      assert.deepEqual(build.args, { SERVICE: svc }, `${svc} builds with SERVICE=${svc}`);
      assert.equal(config.services[svc].deploy?.replicas, 2, `${svc} replicas`);
      assert.equal(
        config.services[svc].ports,
        undefined,
        `${svc} publishes no host port (replicas would collide)`,
      );
    }
    assert.equal(image('user-migrate'), image('user'));
    assert.deepEqual(config.services['user-migrate'].build, config.services.user.build);
    assert.deepEqual(config.services['user-migrate'].command, [
      'node',
      'services/user/dist/migrate.js',
    ]);
  });

  it('gives each service exactly the env var names of the contract', () => {
    for (const svc of SERVICES) {
      assert.deepEqual(
        Object.keys(config.services[svc].environment).sort(),
        [...EXPECTED_ENV[svc]].sort(),
        svc,
      );
    }
    const env = (s, k) => String(config.services[s].environment[k]);
    for (const svc of SERVICES) {
      assert.ok(
        LOG_LEVELS.includes(env(svc, 'LOG_LEVEL')),
        `${svc} LOG_LEVEL is not a Nest log level`,
      );
    }
    assert.equal(env('gateway', 'PORT'), '3000');
    assert.equal(env('user', 'GRPC_PORT'), '50051');
    assert.equal(env('activity', 'GRPC_PORT'), '50061');
    assert.equal(env('user', 'METRICS_PORT'), '9100');
    assert.equal(env('activity', 'METRICS_PORT'), '9100');
    assert.equal(env('gateway', 'USER_SERVICE_TARGET'), 'dns:///user:50051');
    assert.equal(env('gateway', 'ACTIVITY_SERVICE_TARGET'), 'dns:///activity:50061');
    assert.equal(env('activity', 'USER_SERVICE_TARGET'), 'dns:///user:50051');
    assert.equal(env('gateway', 'JWT_SECRET'), env('user', 'JWT_SECRET'), 'one JWT secret');
    for (const svc of ['user', 'activity']) {
      assert.equal(
        env(svc, 'INTERNAL_TOKEN_SECRET'),
        env('gateway', 'INTERNAL_TOKEN_SECRET'),
        `one internal token secret (${svc})`,
      );
    }
    assert.notEqual(env('gateway', 'JWT_SECRET'), env('gateway', 'INTERNAL_TOKEN_SECRET'));
    assert.deepEqual(Object.keys(config.services['user-migrate'].environment), ['DATABASE_URL']);
    assert.equal(env('user-migrate', 'DATABASE_URL'), env('user', 'DATABASE_URL'));
    assert.match(env('user', 'DATABASE_URL'), /^postgres:\/\/[^@]+@postgres:5432\//);
    assert.match(env('activity', 'MONGO_URL'), /^mongodb:\/\/mongo:27017\//);
    assert.equal(env('gateway', 'REDIS_URL'), 'redis://redis:6379');
    assert.equal(env('gateway', 'TRUST_PROXY_HOPS'), '1', 'nginx is one proxy hop');
    assert.equal(env('gateway', 'CORS_ORIGINS'), '', 'no CORS origin unless set');
    assert.equal(env('user', 'REDIS_URL'), 'redis://redis:6379');
    assert.equal(env('activity', 'REDIS_URL'), 'redis://redis:6379');
  });

  it('health-checks every long-running service and starts each after what it needs', () => {
    for (const [name, svc] of Object.entries(config.services)) {
      if (name === 'user-migrate') continue;
      assert.ok(svc.healthcheck?.test?.length, `${name} healthcheck`);
    }
    const deps = (s) =>
      Object.fromEntries(
        Object.entries(config.services[s].depends_on ?? {}).map(([k, v]) => [k, v.condition]),
      );
    assert.deepEqual(deps('user-migrate'), { postgres: 'service_healthy' });
    assert.deepEqual(deps('user'), {
      postgres: 'service_healthy',
      redis: 'service_healthy',
      'user-migrate': 'service_completed_successfully',
    });
    assert.deepEqual(deps('activity'), {
      mongo: 'service_healthy',
      redis: 'service_healthy',
      user: 'service_healthy',
    });
    assert.deepEqual(deps('gateway'), {
      redis: 'service_healthy',
      user: 'service_healthy',
      activity: 'service_healthy',
    });
    assert.deepEqual(deps('nginx'), { gateway: 'service_healthy' });
    const health = (s) => config.services[s].healthcheck.test.join(' ');
    assert.match(health('gateway'), /127\.0\.0\.1:3000\/healthz/);
    assert.match(health('user'), /127\.0\.0\.1:9100\/healthz/);
    assert.match(health('activity'), /127\.0\.0\.1:9100\/healthz/);
  });

  it('caps Redis below its memory limit, evicting only keys with a TTL', () => {
    const redis = config.services.redis;
    const limit = bytesOf(redis.mem_limit ?? redis.deploy?.resources?.limits?.memory, 'docker');
    assert.deepEqual(redisMemoryProblems(redis.command, limit, 'redis'), []);
  });

  it('keeps the three databases on named volumes', () => {
    assert.deepEqual(Object.keys(config.volumes).sort(), [
      'mongo-data',
      'postgres-data',
      'redis-data',
    ]);
    const mountsOf = (s) =>
      config.services[s].volumes.map((v) =>
        typeof v === 'string' ? v : `${v.source}:${v.target}`,
      );
    assert.ok(
      mountsOf('postgres').some((v) => v.startsWith('postgres-data:/var/lib/postgresql/data')),
    );
    assert.ok(mountsOf('mongo').some((v) => v.startsWith('mongo-data:/data/db')));
    assert.ok(mountsOf('redis').some((v) => v.startsWith('redis-data:/data')));
  });

  it('puts nginx on host port 8080 with the committed config', () => {
    const nginx = config.services.nginx;
    const ports = nginx.ports.map((p) =>
      typeof p === 'string' ? p : `${p.published}:${p.target}`,
    );
    assert.deepEqual(ports, ['8080:80']);
    const mounts = nginx.volumes.map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source));
    assert.ok(
      mounts.some((m) => m.endsWith('deploy/compose/nginx.conf')),
      'nginx.conf mounted',
    );
  });
});

describe('deploy/compose/nginx.conf', () => {
  const conf = readFileSync(join(ROOT, 'deploy/compose/nginx.conf'), 'utf8');
  const code = conf.replace(/#.*$/gm, '');

  it('balances the gateway replicas with ip_hash stickiness (Socket.IO long-polling)', () => {
    const upstream = code.match(/upstream\s+(\w+)\s*\{([^}]*)\}/);
    assert.ok(upstream, 'upstream block');
    assert.match(upstream[2], /^\s*ip_hash;/m);
    assert.match(upstream[2], /server\s+gateway:3000\b/);
    assert.match(code, new RegExp(`proxy_pass\\s+http://${upstream[1]};`));
  });

  it('passes websocket upgrades through', () => {
    assert.match(code, /proxy_http_version\s+1\.1;/);
    assert.match(code, /proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    assert.match(code, /proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    assert.match(code, /map\s+\$http_upgrade\s+\$connection_upgrade\s*\{[^}]*default\s+upgrade;/);
    assert.match(code, /listen\s+80;/);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(DOCKERFILE, 'utf8');

  it('stops a build without a known SERVICE, with a message naming it', () => {
    assert.deepEqual(checkServiceArg(text), []);
  });

  for (const svc of SERVICES) {
    describe(`SERVICE=${svc}`, () => {
      let model;
      before(() => {
        model = dockerfileModel(text, svc);
      });

      it(`is multi-stage on ${NODE_IMAGE}: build, dev, prod-deps and runtime last`, () => {
        assert.deepEqual(checkStages(model), []);
      });

      it('installs with npm ci from every workspace manifest, then compiles this service with tsc -b', () => {
        assert.deepEqual(checkBuild(model), []);
      });

      it(`installs only @fitness/${svc}'s runtime dependencies${NATIVE_MODULES[svc] ? `, compiling ${NATIVE_MODULES[svc]}` : ', with no toolchain'}`, () => {
        assert.deepEqual(checkProdDeps(model), []);
      });

      it('runs the compiled service as uid 1000 in production mode, with its ports and health check', () => {
        assert.deepEqual(checkRuntime(model), []);
      });

      it('has a dev stage that recompiles and restarts this service', () => {
        assert.deepEqual(checkDev(model), []);
      });
    });
  }
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps node_modules, build output, git and the Dockerfile out of the context', () => {
    for (const p of ['**/node_modules', '**/dist', '.git']) assert.ok(patterns.includes(p), p);
    assert.ok(
      patterns.includes('Dockerfile') || patterns.includes('**/Dockerfile'),
      'the Dockerfile (at the root) is excluded',
    );
  });

  it('does not exclude what the images need', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      '.npmrc',
      'tsconfig.base.json',
      'proto',
      'libs',
      'services',
    ]) {
      assert.ok(
        !patterns.includes(needed) && !patterns.includes(`${needed}/`),
        `${needed} excluded`,
      );
      assert.ok(existsSync(join(ROOT, needed)), `${needed} exists`);
    }
  });
});
