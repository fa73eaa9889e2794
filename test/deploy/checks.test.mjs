// The checks of lib.mjs and dockerfile.mjs must be able to fail: each case breaks
// one thing in a copy of the chart's good render, or of the Dockerfile, and
// expects exactly that to be reported.
/* global structuredClone -- Node >= 17 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allProblems, byKind, component, helmTemplate } from './lib.mjs';
import {
  DOCKERFILE,
  NODE_IMAGE,
  SERVICES,
  checkDockerfile,
  checkServiceArg,
} from './dockerfile.mjs';

describe('deployment checks catch broken manifests', () => {
  let good;
  before(() => {
    good = helmTemplate();
    assert.deepEqual(allProblems(good), [], 'baseline render is clean');
  });

  /** Break a copy of the render, return the problems found. */
  function problemsAfter(mutate) {
    const objects = structuredClone(good);
    mutate(objects);
    return allProblems(objects);
  }
  const dep = (objects, c) => byKind(objects, 'Deployment').find((d) => component(d) === c);
  const policy = (objects, suffix) =>
    byKind(objects, 'NetworkPolicy').find((p) => p.metadata.name.endsWith(`-${suffix}`));
  const ctr = (objects, c) => dep(objects, c).spec.template.spec.containers[0];

  const cases = [
    [
      'a schema violation',
      (o) => (ctr(o, 'user').ports[0].containerPort = 'fifty'),
      /must be integer/,
    ],
    [
      'a mis-indented (unknown) field',
      (o) => (ctr(o, 'user').readinessprobe = {}),
      /readinessprobe: unknown field/,
    ],
    [
      'an unknown kind',
      (o) => o.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
      /unexpected kind/,
    ],
    [
      'a malformed ServiceMonitor',
      (o) =>
        o.push({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'ServiceMonitor',
          metadata: { name: 'm' },
          spec: { endpoints: [] },
        }),
      /ServiceMonitor\/m: spec.selector/,
    ],
    [
      'a missing readiness probe',
      (o) => delete ctr(o, 'gateway').readinessProbe,
      /gateway: no readinessProbe/,
    ],
    [
      'a missing liveness probe',
      (o) => delete ctr(o, 'activity').livenessProbe,
      /activity: no livenessProbe/,
    ],
    ['missing limits', (o) => delete ctr(o, 'user').resources.limits, /no resources.limits.cpu/],
    [
      'a root container',
      (o) => {
        ctr(o, 'user').securityContext.runAsNonRoot = false;
        ctr(o, 'user').securityContext.runAsUser = 0;
      },
      /not runAsNonRoot/,
    ],
    [
      'privilege escalation',
      (o) => delete ctr(o, 'gateway').securityContext.allowPrivilegeEscalation,
      /allowPrivilegeEscalation/,
    ],
    [
      'a writable root filesystem',
      (o) => (ctr(o, 'gateway').securityContext.readOnlyRootFilesystem = false),
      /root filesystem writable/,
    ],
    [
      'kept capabilities',
      (o) => (ctr(o, 'gateway').securityContext.capabilities = {}),
      /capabilities not dropped/,
    ],
    [
      'an image tagged latest',
      (o) => (ctr(o, 'user').image = 'fitness-user:latest'),
      /uses latest/,
    ],
    [
      'an untagged image',
      (o) => (ctr(o, 'user').image = 'registry.example.com:5000/fitness-user'),
      /has no tag/,
    ],
    [
      'a probe on an undeclared port',
      (o) => (ctr(o, 'user').livenessProbe = { grpc: { port: 50099 } }),
      /port 50099 not declared/,
    ],
    [
      'one gateway replica',
      (o) => {
        o.splice(
          o.findIndex((x) => x.kind === 'HorizontalPodAutoscaler'),
          1,
        );
        dep(o, 'gateway').spec.replicas = 1;
      },
      /gateway runs 1 replica/,
    ],
    [
      'a target naming a missing Service',
      (o) => {
        o.find((x) => x.kind === 'ConfigMap').data.USER_SERVICE_TARGET =
          'dns:///nope.fitness.svc.cluster.local:50051';
      },
      /Service nope is not in the render/,
    ],
    [
      'a target on a ClusterIP Service',
      (o) => {
        o.find((x) => x.kind === 'ConfigMap').data.USER_SERVICE_TARGET =
          'dns:///fitness-fitness-tracker-user.fitness.svc.cluster.local:50051';
      },
      /is not headless/,
    ],
    [
      'a target in another namespace',
      (o) => {
        o.find((x) => x.kind === 'ConfigMap').data.USER_SERVICE_TARGET =
          'dns:///fitness-fitness-tracker-user-grpc.other.svc.cluster.local:50051';
      },
      /is not <service>\.fitness\.svc/,
    ],
    [
      'a target on the wrong port',
      (o) => {
        o.find((x) => x.kind === 'ConfigMap').data.ACTIVITY_SERVICE_TARGET =
          'dns:///fitness-fitness-tracker-activity-grpc.fitness.svc.cluster.local:50051';
      },
      /has no port 50051/,
    ],
    [
      'a secret key in a ConfigMap',
      (o) => (o.find((x) => x.kind === 'ConfigMap').data.JWT_SECRET = 'x'),
      /secret-looking key JWT_SECRET/,
    ],
    [
      'credentials in a ConfigMap URL',
      (o) => (o.find((x) => x.kind === 'ConfigMap').data.DB = 'postgres://u:p@h/db'),
      /URL with credentials/,
    ],
    [
      'a reference to a missing Secret key',
      (o) => {
        ctr(o, 'user').env.find((e) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.key =
          'NOPE';
      },
      /has no key NOPE/,
    ],
    [
      'a signing secret in the migration Job',
      (o) => {
        const job = o.find((x) => x.kind === 'Job');
        job.spec.template.spec.containers[0].env.push(
          ctr(o, 'user').env.find((e) => e.name === 'INTERNAL_TOKEN_SECRET'),
        );
      },
      /Job\/.*migrate container migrate: gets \[INTERNAL_TOKEN_SECRET\], should get \[\]/,
    ],
    [
      'a service without its internal token secret',
      (o) => {
        const c = ctr(o, 'activity');
        c.env = c.env.filter((e) => e.name !== 'INTERNAL_TOKEN_SECRET');
      },
      /activity: gets \[\], should get \[INTERNAL_TOKEN_SECRET\]/,
    ],
    [
      'a signing secret written into the manifest',
      (o) => {
        const e = ctr(o, 'gateway').env.find((x) => x.name === 'JWT_SECRET');
        delete e.valueFrom;
        e.value = 'x'.repeat(48);
      },
      /gateway: JWT_SECRET is not from a Secret/,
    ],
    [
      'Redis evicting keys without a TTL',
      (o) => {
        const args = o.find((x) => x.metadata.name.endsWith('-redis') && x.kind === 'StatefulSet')
          .spec.template.spec.containers[0].args;
        args[args.indexOf('--maxmemory-policy') + 1] = 'allkeys-lru';
      },
      /maxmemory-policy allkeys-lru, not volatile-lru/,
    ],
    [
      'Redis data up to its memory limit',
      (o) => {
        const args = o.find((x) => x.metadata.name.endsWith('-redis') && x.kind === 'StatefulSet')
          .spec.template.spec.containers[0].args;
        args[args.indexOf('--maxmemory') + 1] = '256mb';
      },
      /maxmemory 256mb above 3\/4 of the memory limit/,
    ],
    [
      'an Ingress routing everything',
      (o) =>
        o.push({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'all' },
          spec: {
            rules: [
              {
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: {
                        service: {
                          name: 'fitness-fitness-tracker-gateway',
                          port: { name: 'http' },
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        }),
      /Ingress\/all: routes \/ \(Prefix\)/,
    ],
    [
      'a gateway that may connect anywhere',
      (o) => policy(o, 'gateway').spec.egress.push({}),
      /gateway -> internet:443\/TCP: allowed, must be denied/,
    ],
    [
      'MongoDB open to every pod of the namespace',
      (o) => policy(o, 'mongodb').spec.ingress.push({ from: [{ podSelector: {} }] }),
      /stranger -> mongodb:27017\/TCP: allowed, must be denied/,
    ],
    [
      'the user service and MongoDB opened to each other',
      (o) => {
        const mongo = {
          podSelector: { matchLabels: { 'app.kubernetes.io/component': 'mongodb' } },
        };
        const user = { podSelector: { matchLabels: { 'app.kubernetes.io/component': 'user' } } };
        policy(o, 'user').spec.egress.push({ to: [mongo] });
        policy(o, 'mongodb').spec.ingress.push({ from: [user] });
      },
      /user -> mongodb:27017\/TCP: allowed, must be denied/,
    ],
    [
      'no DNS for the pods',
      (o) => o.splice(o.indexOf(policy(o, 'dns')), 1),
      /gateway -> kube-dns:53\/UDP: denied, must be allowed/,
    ],
    [
      'the migrations cut off from PostgreSQL',
      (o) => {
        const rule = policy(o, 'postgresql').spec.ingress[0];
        rule.from = rule.from.filter(
          (p) => p.podSelector.matchLabels['app.kubernetes.io/component'] !== 'user-migrate',
        );
      },
      /user-migrate -> postgresql:5432\/TCP: denied, must be allowed/,
    ],
    [
      'a pod of the release that no policy isolates',
      (o) => {
        o.splice(o.indexOf(policy(o, 'default-deny')), 1);
        o.splice(o.indexOf(policy(o, 'redis')), 1);
      },
      /stranger -> redis:6379\/TCP: allowed, must be denied/,
    ],
    [
      'no NetworkPolicy at all',
      (o) => {
        for (const p of byKind(o, 'NetworkPolicy')) o.splice(o.indexOf(p), 1);
      },
      /no NetworkPolicy in the render/,
    ],
    [
      'a container without ephemeral-storage',
      (o) =>
        delete o.find((x) => x.kind === 'Job').spec.template.spec.initContainers[0].resources
          .limits['ephemeral-storage'],
      /wait-for-postgres: no resources.limits.ephemeral-storage/,
    ],
    [
      'the same liveness and readiness probe',
      (o) => {
        const pg = o.find(
          (x) => x.kind === 'StatefulSet' && x.metadata.name.endsWith('-postgresql'),
        ).spec.template.spec.containers[0];
        pg.livenessProbe = { ...pg.readinessProbe, periodSeconds: 10, failureThreshold: 6 };
      },
      /postgresql: liveness and readiness probe the same \(exec pg_isready/,
    ],
    [
      'a liveness probe less patient than readiness',
      (o) => (ctr(o, 'gateway').livenessProbe.failureThreshold = 1),
      /gateway: liveness gives up within 10 s, readiness 15 s/,
    ],
    [
      'a liveness probe that follows the database',
      (o) =>
        (ctr(o, 'user').livenessProbe = {
          grpc: { port: 50051 },
          periodSeconds: 10,
          failureThreshold: 6,
        }),
      /user: liveness follows the dependencies \(grpc 50051/,
    ],
    [
      'a multi-replica Deployment without a PodDisruptionBudget',
      (o) =>
        o.splice(
          o.findIndex((x) => x.kind === 'PodDisruptionBudget' && component(x) === 'activity'),
          1,
        ),
      /activity: 2 replicas and no PodDisruptionBudget/,
    ],
    [
      'a PodDisruptionBudget that allows no disruption',
      (o) =>
        (o.find(
          (x) => x.kind === 'PodDisruptionBudget' && component(x) === 'user',
        ).spec.minAvailable = 2),
      /user: PodDisruptionBudget minAvailable 2 of 2/,
    ],
    [
      'replicas not spread over nodes',
      (o) => delete dep(o, 'user').spec.template.spec.topologySpreadConstraints,
      /user: 2 replicas not spread over nodes/,
    ],
    [
      'a hard topology spread',
      (o) =>
        (dep(o, 'activity').spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable =
          'DoNotSchedule'),
      /activity: topology spread DoNotSchedule, not ScheduleAnyway/,
    ],
    [
      'a StatefulSet governed by a ClusterIP Service',
      (o) => {
        const s = o.find((x) => x.kind === 'StatefulSet' && x.metadata.name.endsWith('-redis'));
        s.spec.serviceName = s.metadata.name;
      },
      /redis: serviceName fitness-fitness-tracker-redis is not headless/,
    ],
    [
      'a Service selecting nothing',
      (o) => {
        byKind(o, 'Service')[0].spec.selector = { 'app.kubernetes.io/component': 'ghost' };
      },
      /selects no workload/,
    ],
    [
      'an HPA with minReplicas 1',
      (o) => (byKind(o, 'HorizontalPodAutoscaler')[0].spec.minReplicas = 1),
      /minReplicas < 2/,
    ],
  ];

  for (const [what, mutate, expected] of cases) {
    it(`reports ${what}`, () => {
      const problems = problemsAfter(mutate);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `expected ${expected} in:\n${problems.join('\n')}`,
      );
    });
  }
});

describe('Dockerfile checks catch a broken Dockerfile', () => {
  const good = readFileSync(DOCKERFILE, 'utf8');
  const allChecks = (text) => [
    ...SERVICES.flatMap((svc) => checkDockerfile(text, svc)),
    ...checkServiceArg(text),
  ];

  it('finds nothing in the committed Dockerfile', () => {
    assert.deepEqual(allChecks(good), []);
  });

  /** [what, the text it replaces (exactly once), its replacement, the problem expected]. */
  const cases = [
    ['an unpinned Node image', NODE_IMAGE, 'node:24-bookworm-slim', /ARG NODE_IMAGE is node:24-/],
    [
      'a stage on another image',
      'AS prod-deps',
      'AS prod-deps\nFROM debian AS extra',
      /extra starts from debian/,
    ],
    ['a missing dev stage', 'FROM build AS dev', 'FROM build AS develop', /no stage dev/],
    [
      'a release stage that is not last',
      /$/,
      '\nFROM runtime AS debug\n',
      /the last stage .* is debug/,
    ],
    [
      'no SERVICE check',
      /RUN case[^]*?esac\n/,
      '',
      /with SERVICE="billing": nothing stops the build/,
    ],
    [
      'a SERVICE check that lets an unknown one through',
      'gateway | user | activity)',
      'gateway | user | activity | billing)',
      /with SERVICE="billing": nothing stops the build/,
    ],
    [
      'a SERVICE check after the install',
      /(RUN case[^]*?esac\n)([^]*?\nARG SERVICE\n)(COPY services\/)/,
      '$2$1$3',
      /stops only after an npm install/,
    ],
    [
      'only libs/common taken for npm ci',
      'libs/*/package.json services/*/package.json',
      'libs/common/package.json services/*/package.json',
      /build: libs\/zz-future\/package.json is not there for npm ci/,
    ],
    [
      'sources copied before npm ci',
      'COPY --from=manifests /manifests/ ./\n# No install',
      'COPY --from=manifests /manifests/ ./\nCOPY libs/ libs/\n# No install',
      /build: \/app\/libs is there before npm ci/,
    ],
    [
      'proto types not generated',
      'RUN npm run -s generate --workspaces --if-present\n',
      '',
      /build does not run @fitness\/common's generate script before tsc/,
    ],
    [
      'a compile of a fixed service',
      'npx tsc -b "services/${SERVICE}"',
      'npx tsc -b services/gateway',
      /user: build compiles npx tsc -b services\/gateway/,
    ],
    [
      'all workspaces installed for production',
      '--workspace "@fitness/${SERVICE}" ',
      '',
      /prod-deps runs no npm ci --omit=dev --workspace @fitness\/gateway/,
    ],
    [
      'the toolchain in every image',
      /if \[ "\$SERVICE" = user \]; then \\\n\s*apt-get/,
      'if true; then apt-get',
      /gateway: prod-deps runs apt-get install -y --no-install-recommends python3 make g\+\+/,
    ],
    [
      'argon2 rebuilt for every service',
      'if [ "$SERVICE" = user ]; then npm rebuild argon2; fi',
      'npm rebuild argon2',
      /activity: prod-deps runs npm rebuild argon2/,
    ],
    [
      'argon2 not rebuilt for user',
      ' && if [ "$SERVICE" = user ]; then npm rebuild argon2; fi',
      '',
      /user: prod-deps does not npm rebuild argon2/,
    ],
    [
      'no toolchain for user',
      'python3 make g++',
      'python3',
      /user: prod-deps installs no make, g\+\+ to compile argon2/,
    ],
    [
      'node_modules with dev dependencies',
      'COPY --from=prod-deps /app/node_modules',
      'COPY --from=build /app/node_modules',
      /node_modules comes from build/,
    ],
    [
      'a root release image',
      /USER 1000:1000\n(# Exec-form)/,
      'USER root\n$1',
      /the release image runs as USER root/,
    ],
    ['development mode', 'NODE_ENV=production', 'NODE_ENV=development', /NODE_ENV is development/],
    [
      'a wrong default port',
      'GRPC_PORT=50061',
      'GRPC_PORT=50051',
      /activity: GRPC_PORT defaults to 50051, not 50061/,
    ],
    ['a missing EXPOSE', 'EXPOSE 3000\n', '', /gateway: EXPOSE \(none\), not 3000/],
    [
      'a health check on the wrong port',
      'process.env.PORT || 3000',
      'process.env.METRICS_PORT || 9100',
      /gateway: the health check does not ask \/healthz on PORT/,
    ],
    [
      'a shell as PID 1',
      '"exec node services/$SERVICE/dist/main.js"',
      '"node services/$SERVICE/dist/main.js"',
      /does not run node services\/user\/dist\/main.js as PID 1/,
    ],
    [
      "another service's code in the image",
      'COPY --from=build /release/ ./',
      'COPY --from=build /release/ ./\nCOPY --from=build /app/services ./services',
      /gateway: the image holds user's code/,
    ],
    [
      'files owned by the process',
      'COPY --from=build /release/ ./',
      'COPY --chown=1000:1000 --from=build /release/ ./',
      /files must stay root-owned/,
    ],
    [
      'no future lib in the image',
      'libs/*/package.json libs/*/dist',
      'libs/common/package.json libs/common/dist',
      /the image has no \/app\/libs\/zz-future\/dist/,
    ],
    [
      'a dev stage that does not watch',
      'npx tsc -b services/$SERVICE --watch --preserveWatchOutput & exec node --watch',
      'exec node',
      /dev CMD .* does not watch services\/activity/,
    ],
    [
      'a command no check knows',
      'RUN chown',
      'RUN curl -fsS example.com && chown',
      /curl: not found/,
    ],
  ];

  for (const [what, from, to, expected] of cases) {
    it(`reports ${what}`, () => {
      const broken = good.replace(from, to);
      assert.notEqual(broken, good, `${from} is not in the Dockerfile`);
      if (typeof from === 'string') assert.equal(good.split(from).length, 2, `${from} occurs once`);
      const problems = allChecks(broken);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `expected ${expected} in:\n${problems.join('\n')}`,
      );
    });
  }
});
