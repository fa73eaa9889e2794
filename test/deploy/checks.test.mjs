// The checks of lib.mjs must be able to fail: each case breaks one thing in a
// copy of the chart's good render and expects exactly that to be reported.
/* global structuredClone -- Node >= 17 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { allProblems, byKind, component, helmTemplate } from './lib.mjs';

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
