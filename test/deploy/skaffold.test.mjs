// skaffold.yaml, offline (no skaffold binary here): it must build each image from
// the one Dockerfile with its SERVICE, reference a chart and chart values that
// exist, and forward a Service the chart really renders under skaffold's release
// name and namespace.
/* global structuredClone -- Node >= 17 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { ROOT, byKind, component, findObject, helmTemplate, imagesOf } from './lib.mjs';
import { expand, parseDockerfile, resolveDockerfile } from './dockerfile.mjs';

const ARTIFACTS = ['fitness-gateway', 'fitness-user', 'fitness-activity'];
// skaffold's template variable suffix for an artifact ("/", "-", ".", ":" -> "_").
const sanitize = (name) => name.replace(/[/\-.:]/g, '_');

/** Minimal RFC 6902 "add"/"replace" (what our profiles use), on a deep copy. */
function applyPatches(doc, patches = []) {
  const out = structuredClone(doc);
  for (const { op, path, value } of patches) {
    assert.ok(['add', 'replace'].includes(op), `patch op ${op}`);
    const keys = path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let node = out;
    for (const k of keys) {
      assert.ok(node[k] !== undefined, `patch path ${path} does not exist`);
      node = node[k];
    }
    node[last] = value;
  }
  return out;
}

/** Directories the part of a sync glob before `/**` names (a `*` segment matches any entry). */
function sourceDirs(glob) {
  let dirs = [''];
  for (const segment of glob.split('/**')[0].split('/')) {
    dirs = dirs.flatMap((d) =>
      segment === '*'
        ? readdirSync(join(ROOT, d)).map((name) => join(d, name))
        : [join(d, segment)],
    );
    dirs = dirs.filter((d) => existsSync(join(ROOT, d)));
  }
  return dirs;
}

function hasValuePath(values, dotted) {
  let node = values;
  for (const key of dotted.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

describe('skaffold.yaml', () => {
  let sk;
  let chartValues;
  before(() => {
    sk = YAML.parse(readFileSync(join(ROOT, 'skaffold.yaml'), 'utf8'));
    chartValues = YAML.parse(
      readFileSync(join(ROOT, 'charts/fitness-tracker/values.yaml'), 'utf8'),
    );
  });

  it('is a skaffold/v4beta11 Config tagging by git commit', () => {
    assert.equal(sk.apiVersion, 'skaffold/v4beta11');
    assert.equal(sk.kind, 'Config');
    assert.deepEqual(sk.build.tagPolicy, { gitCommit: {} });
  });

  it('builds the three images from the repo root with the Dockerfile and their SERVICE', () => {
    assert.deepEqual(sk.build.artifacts.map((a) => a.image).sort(), [...ARTIFACTS].sort());
    for (const a of sk.build.artifacts) {
      const svc = a.image.replace(/^fitness-/, '');
      assert.equal(a.context, '.');
      assert.equal(a.docker.dockerfile, 'Dockerfile');
      assert.ok(
        existsSync(join(ROOT, a.context, a.docker.dockerfile)),
        `${a.docker.dockerfile} exists`,
      );
      assert.deepEqual(a.docker.buildArgs, { SERVICE: svc }, `${a.image} builds SERVICE=${svc}`);
      assert.equal(
        a.sync,
        undefined,
        'no file sync: the images run compiled dist/, synced .ts would be ignored',
      );
    }
  });

  it('deploys the chart with every built image mapped onto existing values', () => {
    const [release] = sk.deploy.helm.releases;
    assert.ok(
      existsSync(join(ROOT, release.chartPath, 'Chart.yaml')),
      `${release.chartPath}/Chart.yaml`,
    );
    const templates = release.setValueTemplates;
    for (const key of [...Object.keys(templates), ...Object.keys(release.setValues ?? {})]) {
      assert.ok(hasValuePath(chartValues, key), `${key} is not a value of the chart`);
    }
    for (const artifact of ARTIFACTS) {
      const svc = artifact.replace(/^fitness-/, '');
      const s = sanitize(artifact);
      assert.equal(templates[`${svc}.image.repository`], `{{.IMAGE_REPO_${s}}}`);
      assert.equal(templates[`${svc}.image.tag`], `{{.IMAGE_TAG_${s}}}@{{.IMAGE_DIGEST_${s}}}`);
    }
    // Every template variable names a built artifact.
    for (const v of Object.values(templates)) {
      for (const [, name] of v.matchAll(/\{\{\.IMAGE_\w+?_(fitness_\w+?)\}\}/g)) {
        assert.ok(ARTIFACTS.map(sanitize).includes(name), `${name} is not an artifact`);
      }
    }
  });

  it('renders (as skaffold would) and port-forwards the gateway Service on 3000', () => {
    const [release] = sk.deploy.helm.releases;
    const set = [
      ...Object.entries(release.setValues ?? {}).map(([k, v]) => `${k}=${v}`),
      // what the templates expand to for a local build (digest empty, "@" trimmed)
      ...ARTIFACTS.flatMap((a) => {
        const svc = a.replace(/^fitness-/, '');
        return [`${svc}.image.repository=${a}`, `${svc}.image.tag=0123abcd`];
      }),
    ];
    const objects = helmTemplate({ release: release.name, namespace: release.namespace, set });
    const [pf] = sk.portForward;
    assert.equal(pf.resourceType.toLowerCase(), 'service');
    assert.equal(pf.namespace, release.namespace);
    const svc = findObject(objects, 'Service', pf.resourceName);
    assert.ok(svc, `Service ${pf.resourceName} not rendered for release ${release.name}`);
    assert.equal(component(svc), 'gateway');
    assert.ok(
      svc.spec.ports.some((p) => p.port === pf.port),
      `port ${pf.port}`,
    );
    assert.equal(pf.port, 3000);
    assert.deepEqual(imagesOf(objects, 'Deployment'), [
      'fitness-activity:0123abcd',
      'fitness-gateway:0123abcd',
      'fitness-user:0123abcd',
    ]);
  });

  it('has kind and minikube profiles whose patches apply and render', () => {
    assert.deepEqual(sk.profiles.map((p) => p.name).sort(), ['kind', 'minikube', 'sync']);
    for (const profile of sk.profiles.filter((p) => p.name !== 'sync')) {
      const patched = applyPatches(sk, profile.patches);
      const [release] = patched.deploy.helm.releases;
      for (const key of Object.keys(release.setValues ?? {})) {
        assert.ok(
          hasValuePath(chartValues, key),
          `${profile.name}: ${key} is not a value of the chart`,
        );
      }
      const set = Object.entries(release.setValues).map(([k, v]) => `${k}=${v}`);
      const objects = helmTemplate({ release: release.name, namespace: release.namespace, set });
      if (profile.name === 'kind') assert.equal(byKind(objects, 'Ingress').length, 1);
      if (profile.name === 'minikube') {
        const gw = findObject(objects, 'Service', sk.portForward[0].resourceName);
        assert.equal(gw.spec.type, 'NodePort');
      }
      assert.ok(
        profile.activation?.some((a) => a.kubeContext),
        `${profile.name} activates on its kube-context`,
      );
    }
  });

  it('has a sync profile: dev-stage images, file sync of existing sources, writable root', () => {
    const profile = sk.profiles.find((p) => p.name === 'sync');
    assert.ok(profile, 'profile sync');
    const patched = applyPatches(sk, profile.patches);
    for (const artifact of patched.build.artifacts) {
      const svc = artifact.image.replace(/^fitness-/, '');
      assert.equal(artifact.docker.target, 'dev', `${artifact.image} builds its dev stage`);
      const dockerfile = readFileSync(join(ROOT, artifact.docker.dockerfile), 'utf8');
      const stages = resolveDockerfile(parseDockerfile(dockerfile), artifact.docker.buildArgs);
      const dev = stages.find((s) => s.name === 'dev');
      assert.ok(dev, `${artifact.docker.dockerfile} has a dev stage`);
      assert.equal(stages.at(-1).name, 'runtime', 'the release stage stays the default (last) one');
      assert.equal(dev.parent, 'build');
      const cmd = expand((dev.image.cmd ?? []).join(' '), dev.image.env);
      assert.match(cmd, new RegExp(`--watch[\\s\\S]*?node --watch services/${svc}/dist/main\\.js`));
      const rules = artifact.sync?.manual ?? [];
      assert.deepEqual(
        rules.map((r) => r.src).sort(),
        [`libs/*/src/**/*.ts`, `services/${svc}/src/**/*.ts`].sort(),
      );
      for (const rule of rules) {
        assert.equal(rule.dest, '/app', 'paths relative to the context land under WORKDIR /app');
        assert.ok(sourceDirs(rule.src).length, `${rule.src} matches existing sources`);
      }
    }
    const [release] = patched.deploy.helm.releases;
    assert.equal(release.setValues['containerSecurityContext.readOnlyRootFilesystem'], false);
    assert.ok(hasValuePath(chartValues, 'containerSecurityContext.readOnlyRootFilesystem'));
    const set = Object.entries(release.setValues).map(([k, v]) => `${k}=${v}`);
    const objects = helmTemplate({ release: release.name, namespace: release.namespace, set });
    for (const d of byKind(objects, 'Deployment')) {
      assert.equal(
        d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem,
        false,
      );
    }
  });
});
