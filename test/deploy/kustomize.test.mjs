// k8s/ (kustomize): both overlays render with `kubectl kustomize`, pass the same
// validation and checks as the chart, and describe the same system as the
// chart's default render.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  KUBE_ENV,
  LOG_LEVELS,
  ROOT,
  allProblems,
  byKind,
  component,
  containersOf,
  envValue,
  helmTemplate,
  imagesOf,
  kustomize,
  run,
  workloadShape,
} from './lib.mjs';

const OVERLAYS = ['kind', 'minikube'];

describe('kustomize overlays', () => {
  let chart;
  const rendered = {};
  before(() => {
    chart = helmTemplate();
    for (const overlay of OVERLAYS) rendered[overlay] = kustomize(`k8s/overlays/${overlay}`);
  });

  for (const overlay of OVERLAYS) {
    describe(overlay, () => {
      it('renders objects that pass schema validation and every cross-object check', () => {
        assert.deepEqual(allProblems(rendered[overlay]), []);
      });

      it('runs the same Deployments, container ports and env var names as the chart', () => {
        const objects = rendered[overlay];
        assert.deepEqual(workloadShape(objects), workloadShape(chart));
        assert.deepEqual(
          workloadShape(objects, 'StatefulSet'),
          workloadShape(chart, 'StatefulSet'),
        );
        for (const [svc, names] of Object.entries(KUBE_ENV)) {
          assert.deepEqual(workloadShape(objects)[svc][svc].env, names);
        }
      });

      it('keeps the chart default objects (kinds and components)', () => {
        const summary = (objects) =>
          objects
            // helm test's pod and its NetworkPolicy exist in the chart only
            .filter((o) => !['Secret', 'ConfigMap', 'Pod', 'Ingress'].includes(o.kind))
            .filter((o) => component(o) !== 'smoke-test')
            .map(
              (o) =>
                `${o.kind}:${component(o)}:${o.metadata.name.replace(/^fitness-fitness-tracker-/, '')}`,
            )
            .sort();
        assert.deepEqual(summary(rendered[overlay]), summary(chart));
      });

      it("sets the chart's default configuration (bar the targets and the proxy hops)", () => {
        const data = (objects) => {
          const { USER_SERVICE_TARGET, ACTIVITY_SERVICE_TARGET, TRUST_PROXY_HOPS, ...rest } =
            byKind(objects, 'ConfigMap')[0].data;
          assert.ok(USER_SERVICE_TARGET && ACTIVITY_SERVICE_TARGET && TRUST_PROXY_HOPS);
          return rest;
        };
        assert.deepEqual(data(rendered[overlay]), data(chart));
        const hops = byKind(rendered[overlay], 'ConfigMap')[0].data.TRUST_PROXY_HOPS;
        const ingress = byKind(rendered[overlay], 'Ingress').length > 0;
        assert.equal(hops, ingress ? '1' : '0', 'one trusted hop exactly behind ingress-nginx');
      });

      it('tags the service images 0.1.0 and uses namespace-independent gRPC targets', () => {
        const objects = rendered[overlay];
        assert.deepEqual(imagesOf(objects, 'Deployment'), [
          'fitness-activity:0.1.0',
          'fitness-gateway:0.1.0',
          'fitness-user:0.1.0',
        ]);
        const gw = containersOf(
          byKind(objects, 'Deployment').find((d) => component(d) === 'gateway'),
        )[0];
        assert.equal(envValue(objects, gw, 'USER_SERVICE_TARGET'), 'dns:///user-grpc:50051');
        assert.equal(
          envValue(objects, gw, 'ACTIVITY_SERVICE_TARGET'),
          'dns:///activity-grpc:50061',
        );
        for (const d of byKind(objects, 'Deployment')) {
          const level = envValue(objects, d.spec.template.spec.containers[0], 'LOG_LEVEL');
          assert.ok(LOG_LEVELS.includes(level), `${component(d)} LOG_LEVEL ${level}`);
        }
        assert.ok(
          objects.every((o) => o.metadata.namespace === undefined),
          'no hard-coded namespace',
        );
      });
    });
  }

  it('kind exposes the gateway through an Ingress with cookie affinity', () => {
    const [ingress] = byKind(rendered.kind, 'Ingress');
    assert.ok(ingress, 'Ingress in the kind overlay');
    assert.equal(ingress.metadata.annotations['nginx.ingress.kubernetes.io/affinity'], 'cookie');
    const paths = ingress.spec.rules[0].http.paths;
    assert.ok(paths.every((p) => p.backend.service.name === 'gateway'));
    const chartIngress = byKind(helmTemplate({ set: ['ingress.enabled=true'] }), 'Ingress')[0];
    const routes = (ing) => ing.spec.rules[0].http.paths.map((p) => `${p.path} ${p.pathType}`);
    assert.deepEqual(routes(ingress), routes(chartIngress), "the chart's routes");
  });

  it('minikube exposes the gateway on NodePort 30080', () => {
    const svc = byKind(rendered.minikube, 'Service').find((s) => s.metadata.name === 'gateway');
    assert.equal(svc.spec.type, 'NodePort');
    assert.equal(svc.spec.ports[0].nodePort, 30080);
    assert.equal(byKind(rendered.minikube, 'Ingress').length, 0);
  });

  it('the base generates both Secrets from gitignored env files, with the keys the pods read', () => {
    const k = YAML.parse(readFileSync(join(ROOT, 'k8s/base/kustomization.yaml'), 'utf8'));
    const envs = Object.fromEntries(k.secretGenerator.map((g) => [g.name, g.envs]));
    assert.deepEqual(envs, {
      'fitness-auth': ['secrets/auth.env'],
      'fitness-datastores': ['secrets/datastores.env'],
    });
    assert.ok(
      k.secretGenerator.every((g) => !g.literals && !g.files),
      'no value in the kustomization',
    );
    const ignored = run('git', ['check-ignore', 'k8s/base/secrets/auth.env'], {
      allowFailure: true,
    });
    assert.equal(ignored.status, 0, 'k8s/base/secrets/*.env is gitignored');
    const secret = (prefix) =>
      byKind(rendered.kind, 'Secret').find((s) => s.metadata.name.startsWith(`${prefix}-`));
    assert.deepEqual(Object.keys(secret('fitness-auth').data).sort(), [
      'INTERNAL_TOKEN_SECRET',
      'JWT_SECRET',
    ]);
    assert.deepEqual(Object.keys(secret('fitness-datastores').data).sort(), [
      'DATABASE_URL',
      'MONGO_ROOT_PASSWORD',
      'MONGO_URL',
      'POSTGRES_PASSWORD',
      'REDIS_PASSWORD',
      'REDIS_URL',
    ]);
  });
});

describe('kind cluster config', () => {
  it('maps host ports 80/443 and labels the node ingress-ready', () => {
    const cfg = YAML.parse(readFileSync(join(ROOT, 'k8s/kind-config.yaml'), 'utf8'));
    assert.equal(cfg.kind, 'Cluster');
    assert.equal(cfg.apiVersion, 'kind.x-k8s.io/v1alpha4');
    const node = cfg.nodes.find((n) => n.role === 'control-plane');
    const ports = node.extraPortMappings
      .map((p) => `${p.hostPort}:${p.containerPort}/${p.protocol}`)
      .sort();
    assert.deepEqual(ports, ['443:443/TCP', '80:80/TCP']);
    const patch = YAML.parse(node.kubeadmConfigPatches[0]);
    assert.equal(patch.kind, 'InitConfiguration');
    assert.match(
      patch.nodeRegistration.kubeletExtraArgs['node-labels'],
      /(^|,)ingress-ready=true(,|$)/,
    );
  });
});
