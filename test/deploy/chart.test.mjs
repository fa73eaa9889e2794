// Helm chart, offline: lint, render two value sets, validate every object
// against the Kubernetes schemas and check the rules of DESIGN.md / STYLE.md §8.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  CHART_DIR,
  EXPECTED_PORTS,
  EXTERNAL_STORES,
  EXTERNAL_VALUES,
  INGRESS_API_PATHS,
  INGRESS_WEB_PATHS,
  KUBE_ENV,
  KUBE_VERSION,
  LOG_LEVELS,
  ROOT,
  allProblems,
  byKind,
  component,
  containersOf,
  envNames,
  envValue,
  findObject,
  gatewayReplicas,
  helmTemplate,
  imagesOf,
  parseDocs,
  requireHelm,
  run,
  serviceEnvSpec,
} from './lib.mjs';

const RELEASE = 'fitness';
const NAMESPACE = 'fitness';
const FULLNAME = 'fitness-fitness-tracker';

function lint(...extra) {
  return run(requireHelm(), [
    'lint',
    '--strict',
    '--kube-version',
    KUBE_VERSION,
    CHART_DIR,
    ...extra,
  ]);
}
const deployment = (objects, c) => byKind(objects, 'Deployment').find((d) => component(d) === c);
const mainContainer = (objects, c) => containersOf(deployment(objects, c), { init: false })[0];

describe('helm lint --strict', () => {
  it('passes with the default values', () => {
    const res = lint();
    assert.match(res.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('passes with external databases, ingress on, HPA off', () => {
    const res = lint('--values', EXTERNAL_VALUES);
    assert.match(res.stdout, /0 chart\(s\) failed/);
  });
});

describe('chart metadata', () => {
  it('Chart.yaml has version 0.2.1, appVersion "0.1.0" and values.schema.json exists', () => {
    const chart = YAML.parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8'));
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.version, '0.2.1');
    assert.equal(chart.appVersion, '0.1.0');
    JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8'));
  });

  it('documents every leaf value with @param (and the README lists them)', () => {
    const text = readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8');
    const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
    const documented = new Set([...text.matchAll(/^## @param ([\w.]+)/gm)].map((m) => m[1]));
    const missing = [];
    const walk = (obj, prefix) => {
      for (const [k, v] of Object.entries(obj)) {
        const key = prefix ? `${prefix}.${k}` : k;
        if (documented.has(key)) continue;
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) walk(v, key);
        else missing.push(key);
      }
    };
    walk(YAML.parse(text), '');
    assert.deepEqual(missing, [], 'values without ## @param');
    const notInReadme = [...documented].filter((k) => !readme.includes(`\`${k}\``));
    assert.deepEqual(notInReadme, [], 'values missing from README.md');
  });
});

for (const variant of ['default', 'external']) {
  describe(`helm template (${variant} values)`, () => {
    let objects;
    before(() => {
      objects = helmTemplate({
        release: RELEASE,
        namespace: NAMESPACE,
        valuesFiles: variant === 'external' ? [EXTERNAL_VALUES] : [],
      });
    });

    it('renders objects that pass schema validation and every cross-object check', () => {
      assert.ok(objects.length > 10, `only ${objects.length} objects rendered`);
      const problems = allProblems(objects, {
        externalSecrets: variant === 'external' ? ['fitness-jwt'] : [],
        externalStores: variant === 'external' ? EXTERNAL_STORES : {},
      });
      assert.deepEqual(problems, []);
    });

    it('gives each service exactly the env var names of the contract, on the contract ports', () => {
      for (const svc of ['gateway', 'user', 'activity']) {
        const c = mainContainer(objects, svc);
        assert.ok(c, `no ${svc} Deployment`);
        assert.deepEqual(envNames(c), KUBE_ENV[svc], `${svc} env`);
      }
      assert.equal(
        envValue(objects, mainContainer(objects, 'gateway'), 'PORT'),
        String(EXPECTED_PORTS.gateway),
      );
      for (const svc of ['gateway', 'user', 'activity']) {
        const level = envValue(objects, mainContainer(objects, svc), 'LOG_LEVEL');
        assert.ok(LOG_LEVELS.includes(level), `${svc} LOG_LEVEL ${level} is not a Nest log level`);
      }
      for (const svc of ['user', 'activity']) {
        const c = mainContainer(objects, svc);
        assert.equal(envValue(objects, c, 'GRPC_PORT'), String(EXPECTED_PORTS[svc]));
        assert.equal(envValue(objects, c, 'METRICS_PORT'), String(EXPECTED_PORTS.metrics));
      }
    });

    it('points the gRPC targets at the headless Services by their cluster FQDN', () => {
      const gw = mainContainer(objects, 'gateway');
      assert.equal(
        envValue(objects, gw, 'USER_SERVICE_TARGET'),
        `dns:///${FULLNAME}-user-grpc.${NAMESPACE}.svc.cluster.local:50051`,
      );
      assert.equal(
        envValue(objects, gw, 'ACTIVITY_SERVICE_TARGET'),
        `dns:///${FULLNAME}-activity-grpc.${NAMESPACE}.svc.cluster.local:50061`,
      );
      assert.equal(
        envValue(objects, mainContainer(objects, 'activity'), 'USER_SERVICE_TARGET'),
        envValue(objects, gw, 'USER_SERVICE_TARGET'),
      );
      for (const name of [`${FULLNAME}-user-grpc`, `${FULLNAME}-activity-grpc`]) {
        assert.equal(
          findObject(objects, 'Service', name)?.spec.clusterIP,
          'None',
          `${name} headless`,
        );
      }
    });

    it('probes: gRPC health (readiness) + /healthz on user/activity, /healthz and /readyz on the gateway', () => {
      for (const svc of ['user', 'activity']) {
        const c = mainContainer(objects, svc);
        assert.deepEqual(c.readinessProbe.grpc, { port: EXPECTED_PORTS[svc] }, `${svc} readiness`);
        // liveness must not follow the database (grpc health does): /healthz on the metrics port
        for (const probe of ['startupProbe', 'livenessProbe']) {
          assert.deepEqual(
            c[probe].httpGet,
            { path: '/healthz', port: 'metrics' },
            `${svc} ${probe}`,
          );
        }
        assert.ok(
          c.ports.some((p) => p.name === 'metrics' && p.containerPort === EXPECTED_PORTS.metrics),
        );
      }
      const gw = mainContainer(objects, 'gateway');
      assert.equal(gw.livenessProbe.httpGet.path, '/healthz');
      assert.equal(gw.readinessProbe.httpGet.path, '/readyz');
      assert.deepEqual(gw.ports, [{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    });

    it('hardens and drains every service pod', () => {
      for (const svc of ['gateway', 'user', 'activity']) {
        const d = deployment(objects, svc);
        const spec = d.spec.template.spec;
        const c = spec.containers[0];
        assert.equal(spec.securityContext.runAsUser, 1000);
        assert.equal(spec.securityContext.seccompProfile.type, 'RuntimeDefault');
        assert.equal(spec.terminationGracePeriodSeconds, 30);
        assert.equal(spec.automountServiceAccountToken, false);
        assert.deepEqual(c.lifecycle.preStop.exec.command, [
          'node',
          '-e',
          'setTimeout(() => {}, 5000)',
        ]);
        assert.deepEqual(c.volumeMounts, [{ name: 'tmp', mountPath: '/tmp' }]);
        assert.ok(
          spec.volumes.some((v) => v.name === 'tmp' && v.emptyDir),
          `${svc} /tmp emptyDir`,
        );
        assert.equal(c.securityContext.readOnlyRootFilesystem, true);
      }
    });

    it('runs the migrations as a post-install/post-upgrade hook Job with the user image', () => {
      const job = findObject(objects, 'Job', `${FULLNAME}-user-migrate`);
      assert.ok(job, 'migration Job');
      assert.equal(job.metadata.annotations['helm.sh/hook'], 'post-install,post-upgrade');
      assert.equal(job.metadata.annotations['helm.sh/hook-delete-policy'], 'before-hook-creation');
      const [migrate] = job.spec.template.spec.containers;
      assert.deepEqual(migrate.command, ['node', 'services/user/dist/migrate.js']);
      assert.deepEqual(envNames(migrate), ['DATABASE_URL'], 'what migrate.js reads, nothing more');
      assert.equal(migrate.image, mainContainer(objects, 'user').image);
      assert.equal(job.spec.template.spec.initContainers[0].name, 'wait-for-postgres');
    });

    it('ships a helm test pod running the smoke script against the gateway Service', () => {
      const pod = byKind(objects, 'Pod').find(
        (p) => p.metadata.annotations?.['helm.sh/hook'] === 'test',
      );
      assert.ok(pod, 'helm test pod');
      // Kept until the next run: with hook-succeeded, `helm test --logs` exits 1 after a
      // passing test, the pod being gone before Helm reads its logs.
      assert.equal(pod.metadata.annotations['helm.sh/hook-delete-policy'], 'before-hook-creation');
      const [c] = pod.spec.containers;
      assert.deepEqual(c.command.slice(0, 3), ['node', '--input-type=module', '-e']);
      assert.equal(c.command[3], readFileSync(join(CHART_DIR, 'files/smoke-test.mjs'), 'utf8'));
      assert.equal(envValue(objects, c, 'GATEWAY_URL'), `http://${FULLNAME}-gateway:3000`);
      assert.equal(c.image, mainContainer(objects, 'gateway').image);
    });

    if (variant === 'default') {
      it('defaults: in-chart datastores, HPA (min 2) + PDB (minAvailable 1), generated auth secrets', () => {
        assert.deepEqual(imagesOf(objects, 'StatefulSet'), [
          'mongo:8.0',
          'postgres:17-alpine',
          'redis:7.4-alpine',
        ]);
        for (const s of byKind(objects, 'StatefulSet')) {
          assert.equal(s.spec.volumeClaimTemplates.length, 1, `${s.metadata.name} PVC template`);
          assert.ok(findObject(objects, 'Service', s.metadata.name), `${s.metadata.name} Service`);
        }
        const hpa = byKind(objects, 'HorizontalPodAutoscaler')[0];
        assert.equal(hpa.spec.minReplicas, 2);
        assert.equal(
          deployment(objects, 'gateway').spec.replicas,
          2,
          "starts at the HPA's minimum (helm install --wait waits for 2 pods)",
        );
        const pdbs = byKind(objects, 'PodDisruptionBudget');
        assert.deepEqual(pdbs.map((p) => `${component(p)}:${p.spec.minAvailable}`).sort(), [
          'activity:1',
          'gateway:1',
          'user:1',
        ]);
        assert.equal(gatewayReplicas(objects), 2);
        for (const s of byKind(objects, 'StatefulSet')) {
          const governing = findObject(objects, 'Service', s.spec.serviceName);
          assert.equal(s.spec.serviceName, `${s.metadata.name}-headless`);
          assert.equal(governing.spec.clusterIP, 'None', `${s.spec.serviceName} headless`);
        }
        const auth = findObject(objects, 'Secret', `${FULLNAME}-auth`);
        const secret = (k) => Buffer.from(auth.data[k], 'base64').toString();
        assert.deepEqual(Object.keys(auth.data).sort(), ['INTERNAL_TOKEN_SECRET', 'JWT_SECRET']);
        assert.equal(secret('JWT_SECRET').length, 48);
        assert.equal(secret('INTERNAL_TOKEN_SECRET').length, 48);
        assert.notEqual(secret('JWT_SECRET'), secret('INTERNAL_TOKEN_SECRET'));
        const images = ['gateway', 'user', 'activity'].map((s) => mainContainer(objects, s).image);
        assert.deepEqual(images, [
          'fitness-gateway:0.1.0',
          'fitness-user:0.1.0',
          'fitness-activity:0.1.0',
        ]);
        assert.equal(byKind(objects, 'Ingress').length, 0);
        assert.equal(byKind(objects, 'ServiceMonitor').length, 0);
      });
    } else {
      it('external: no StatefulSets, URLs from values, existing auth Secret, ingress with cookie affinity', () => {
        assert.equal(byKind(objects, 'StatefulSet').length, 0);
        assert.equal(byKind(objects, 'HorizontalPodAutoscaler').length, 0);
        assert.equal(deployment(objects, 'gateway').spec.replicas, 3);
        const ds = findObject(objects, 'Secret', `${FULLNAME}-datastores`);
        const url = (k) => Buffer.from(ds.data[k], 'base64').toString();
        assert.equal(
          url('DATABASE_URL'),
          'postgres://fitness:s3cret@db.example.internal:5432/fitness',
        );
        assert.match(url('MONGO_URL'), /^mongodb:\/\/.*mongo\.example\.internal/);
        assert.match(url('REDIS_URL'), /^rediss:\/\/.*redis\.example\.internal/);
        assert.equal(findObject(objects, 'Secret', `${FULLNAME}-auth`), undefined);
        const secretRef = (svc, name) =>
          mainContainer(objects, svc).env.find((e) => e.name === name).valueFrom.secretKeyRef;
        assert.deepEqual(secretRef('gateway', 'JWT_SECRET'), { name: 'fitness-jwt', key: 'jwt' });
        for (const svc of ['gateway', 'user', 'activity']) {
          assert.deepEqual(secretRef(svc, 'INTERNAL_TOKEN_SECRET'), {
            name: 'fitness-jwt',
            key: 'internal-token',
          });
        }
        const [ingress] = byKind(objects, 'Ingress');
        assert.equal(
          ingress.metadata.annotations['nginx.ingress.kubernetes.io/affinity'],
          'cookie',
        );
        assert.equal(ingress.spec.rules[0].host, 'fitness.example.com');
        assert.match(
          mainContainer(objects, 'user').image,
          /^registry\.example\.com\/fitness\/fitness-user:0\.1\.0$/,
        );
        const monitors = byKind(objects, 'ServiceMonitor');
        assert.deepEqual(
          monitors
            .map((m) => `${component(m)}:${m.spec.endpoints[0].port}${m.spec.endpoints[0].path}`)
            .sort(),
          ['activity:metrics/metrics', 'gateway:http/metrics', 'user:metrics/metrics'],
        );
      });
    }
  });
}

describe('settings behind environment variables', () => {
  const values = YAML.parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8'));
  const schema = JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8'));
  // value path -> [service, variable, whether the chart's default is the service's]
  const SETTINGS = {
    'config.grpcDeadlineMs': ['gateway', 'GRPC_DEADLINE_MS', false],
    'config.jwtExpiresInSeconds': ['user', 'JWT_EXPIRES_IN', true],
    'gateway.config.trustProxyHops': ['gateway', 'TRUST_PROXY_HOPS', false],
    'gateway.config.groupSessionRecordMaxBytes': [
      'gateway',
      'GROUP_SESSION_RECORD_MAX_BYTES',
      true,
    ],
    'gateway.config.exerciseRatePerSecond': ['gateway', 'EXERCISE_RATE_PER_SECOND', true],
    'gateway.config.exerciseBurst': ['gateway', 'EXERCISE_BURST', true],
    'gateway.config.groupSessionsPerMinute': ['gateway', 'GROUP_SESSIONS_PER_MINUTE', true],
    'gateway.config.socketMaxPendingEvents': ['gateway', 'SOCKET_MAX_PENDING_EVENTS', true],
    'gateway.config.redisCommandTimeoutMs': ['gateway', 'REDIS_COMMAND_TIMEOUT_MS', true],
    'user.config.dbStatementTimeoutMs': ['user', 'DB_STATEMENT_TIMEOUT_MS', true],
  };
  const at = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
  const schemaAt = (path) => at(schema, `properties.${path.split('.').join('.properties.')}`);

  it("bounds each one in values.schema.json as the service does, and defaults to the service's value", () => {
    for (const [path, [svc, name, sameDefault]] of Object.entries(SETTINGS)) {
      const spec = serviceEnvSpec(svc)[name];
      assert.ok(spec?.min !== undefined && spec?.max !== undefined, `${svc} ${name} bounds`);
      const { minimum, maximum } = schemaAt(path);
      assert.deepEqual([minimum, maximum], [spec.min, spec.max], `${path} bounds (${name})`);
      if (sameDefault) assert.equal(at(values, path), spec.default, `${path} default (${name})`);
    }
  });

  it('refuses what the service would refuse at start-up', () => {
    for (const set of [
      'gateway.config.exerciseBurst=0',
      'gateway.config.redisCommandTimeoutMs=60001',
      'user.config.dbStatementTimeoutMs=99',
      'config.grpcDeadlineMs=60001',
      'gateway.config.corsOrigins={https://app.example.com/path}',
    ]) {
      const res = helmTemplate({ set: [set], allowFailure: true });
      assert.notEqual(res.status, 0, `rendered with ${set}`);
    }
    const cors = readFileSync(join(ROOT, 'services/gateway/src/config/env.dto.ts'), 'utf8').match(
      /@Matches\(\/(.+)\/, \{\s*each: true/,
    );
    assert.ok(cors, "the gateway's CORS_ORIGINS pattern");
    assert.equal(
      schemaAt('gateway.config.corsOrigins').items.pattern,
      cors[1].replace(/\\\//g, '/'),
      'the same origin pattern as the gateway',
    );
  });

  it('TRUST_PROXY_HOPS: 1 behind the ingress controller, 0 without it, or the value given', () => {
    const hops = (opts) => {
      const objects = helmTemplate(opts);
      return envValue(objects, mainContainer(objects, 'gateway'), 'TRUST_PROXY_HOPS');
    };
    assert.equal(hops(), '0');
    assert.equal(hops({ valuesFiles: [EXTERNAL_VALUES] }), '1');
    assert.equal(hops({ set: ['ingress.enabled=true', 'gateway.config.trustProxyHops=2'] }), '2');
    assert.equal(hops({ set: ['ingress.enabled=true', 'gateway.config.trustProxyHops=0'] }), '0');
  });

  it('CORS_ORIGINS: the listed origins, comma-separated; none by default', () => {
    const cors = (set) => {
      const objects = helmTemplate({ set });
      return envValue(objects, mainContainer(objects, 'gateway'), 'CORS_ORIGINS');
    };
    assert.equal(cors([]), '');
    assert.equal(
      cors(['gateway.config.corsOrigins={https://app.example.com,http://localhost:5173}']),
      'https://app.example.com,http://localhost:5173',
    );
  });
});

describe('Ingress routes', () => {
  const paths = (set = []) =>
    byKind(
      helmTemplate({ set: ['ingress.enabled=true', ...set] }),
      'Ingress',
    )[0].spec.rules[0].http.paths.map((p) => `${p.path} ${p.pathType}`);

  it("the API and /socket.io only by default: every top-level path of the gateway's controllers", () => {
    const routes = new Set();
    const dir = join(ROOT, 'services/gateway/src');
    for (const file of readdirSync(dir, { recursive: true })) {
      if (!file.endsWith('.controller.ts')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      const prefix = /@Controller\('([^']*)'\)/.exec(text)?.[1] ?? '';
      const methods = [...text.matchAll(/@(?:Get|Post|Put|Patch|Delete)\((?:'([^']*)')?\)/g)];
      for (const m of methods) {
        routes.add(`/${[prefix, m[1] ?? ''].filter(Boolean).join('/').split('/')[0]}`);
      }
    }
    const api = [...routes].filter((r) => !['/healthz', '/readyz'].includes(r)).sort();
    assert.deepEqual(api, ['/group-sessions', '/leaderboards', '/users', '/workouts']);
    assert.deepEqual(
      [...INGRESS_API_PATHS].sort(),
      [...api, '/socket.io'].sort(),
      'INGRESS_API_PATHS',
    );
    assert.deepEqual(paths(), [
      ...INGRESS_API_PATHS.map((p) => `${p} Prefix`),
      ...INGRESS_WEB_PATHS,
    ]);
  });

  it('the web client (/ exactly, /assets) unless ingress.routes.web=false', () => {
    assert.deepEqual(
      paths(['ingress.routes.web=false']),
      INGRESS_API_PATHS.map((p) => `${p} Prefix`),
    );
  });

  it('/metrics and /docs each only when its value turns it on', () => {
    assert.ok(paths(['ingress.routes.metrics=true']).includes('/metrics Prefix'));
    assert.ok(!paths(['ingress.routes.metrics=true']).includes('/docs Prefix'));
    assert.ok(paths(['ingress.routes.docs=true']).includes('/docs Prefix'));
    assert.ok(!paths(['ingress.routes.docs=true']).includes('/metrics Prefix'));
  });
});

describe('NOTES.txt', () => {
  // `helm template` skips NOTES.txt and `helm install --dry-run` needs a cluster:
  // render it through tpl in a scratch copy of the chart instead.
  function renderNotes(valuesFiles = []) {
    const dir = mkdtempSync(join(tmpdir(), 'fitness-notes-'));
    try {
      cpSync(CHART_DIR, dir, { recursive: true });
      cpSync(join(CHART_DIR, 'templates/NOTES.txt'), join(dir, 'NOTES.render'));
      writeFileSync(
        join(dir, 'templates/zz-notes.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n' +
          '  notes: {{ tpl (.Files.Get "NOTES.render") . | toJson }}\n',
      );
      const args = ['template', 'fitness-tracker', dir, '--namespace', 'fitness'];
      args.push('--kube-version', KUBE_VERSION);
      for (const f of valuesFiles) args.push('--values', f);
      const objects = parseDocs(run(requireHelm(), args).stdout);
      return findObject(objects, 'ConfigMap', 'notes').data.notes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('tells how to reach the gateway (port-forward) and how to run the smoke test', () => {
    const notes = renderNotes();
    assert.match(
      notes,
      /kubectl --namespace fitness port-forward svc\/fitness-tracker-gateway 3000:3000/,
    );
    assert.match(notes, /helm test fitness-tracker --namespace fitness --logs/);
    assert.match(notes, /logs job\/fitness-tracker-user-migrate/);
  });

  it('says the test pod stays, and what the HPA does without a metrics-server', () => {
    const notes = renderNotes();
    assert.match(notes, /The test pod stays until the next `helm test`/);
    assert.match(notes, /logs fitness-tracker-smoke-test/);
    assert.match(notes, /Without a metrics-server in the cluster it only logs warnings/);
    assert.match(notes, /stays at\s+2 replicas/);
    assert.doesNotMatch(renderNotes([EXTERNAL_VALUES]), /metrics-server/, 'no HPA, no note');
  });

  it('shows the ingress URL when the ingress is on', () => {
    assert.match(renderNotes([EXTERNAL_VALUES]), /https:\/\/fitness\.example\.com\//);
  });
});

describe('values the chart must refuse', () => {
  const refused = [
    ['image tag latest', ['image.tag=latest']],
    ['per-service tag latest', ['user.image.tag=latest']],
    ['a single gateway replica', ['gateway.autoscaling.enabled=false', 'gateway.replicaCount=1']],
    ['an HPA that may go to one gateway', ['gateway.autoscaling.minReplicas=1']],
    ['an external postgres without URL', ['postgresql.enabled=false']],
    ['a typo in a value name', ['gateway.replicacount=3']],
    ['a service without resource limits', ['user.resources.limits=null']],
    ['a password that breaks the connection URL', ['postgresql.auth.password=a@b/c']],
    ['root pods', ['podSecurityContext.runAsNonRoot=false']],
    [
      'a container without an ephemeral-storage limit',
      ['tests.resources.limits.ephemeral-storage=null'],
    ],
    ['a PodDisruptionBudget that allows no disruption', ['user.pdb.minAvailable=2']],
  ];
  for (const [what, set] of refused) {
    it(`refuses ${what}`, () => {
      const res = helmTemplate({ set, allowFailure: true });
      assert.notEqual(res.status, 0, `rendered despite ${set.join(', ')}`);
      assert.match(res.stderr, /Error/);
    });
  }

  it('makes no PodDisruptionBudget for a single replica (it would block every drain)', () => {
    const objects = helmTemplate({ set: ['user.replicaCount=1'] });
    const pdbs = byKind(objects, 'PodDisruptionBudget').map(component).sort();
    assert.deepEqual(pdbs, ['activity', 'gateway']);
  });

  it('keeps rendering with an explicit digest and a numeric tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const objects = helmTemplate({
      set: [`gateway.image.digest=${digest}`, 'user.image.tag=1234567'],
    });
    assert.equal(mainContainer(objects, 'gateway').image, `fitness-gateway@${digest}`);
    assert.equal(mainContainer(objects, 'user').image, 'fitness-user:1234567');
  });
});
