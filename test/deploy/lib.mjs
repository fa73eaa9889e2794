// Shared helpers of the offline deployment tests (test/deploy/*.test.mjs):
// bounded subprocesses, rendering, schema validation and the checks that every
// rendered manifest set must pass. The checks return a list of problems rather
// than throwing, so checks.test.mjs can prove each of them fails on bad input.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as batch from 'kubernetes-models/batch/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as policy from 'kubernetes-models/policy/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHART_DIR = join(ROOT, 'charts/fitness-tracker');
export const TOOLS_BIN = process.env.TOOLS_BIN ?? join(homedir(), '.cache/fitness-tracker/bin');
export const HELM = join(TOOLS_BIN, 'helm');
/** Rendering target; pinned so the result does not depend on how helm was built. */
export const KUBE_VERSION = process.env.KUBE_VERSION ?? '1.31.0';
export const EXTERNAL_VALUES = join(ROOT, 'test/deploy/values-external.yaml');
/** Addresses inside the networkPolicy.external CIDRs of values-external.yaml. */
export const EXTERNAL_STORES = {
  postgresql: { ip: '10.20.0.5', port: 5432 },
  mongodb: { ip: '10.30.0.5', port: 27017 },
  redis: { ip: '10.40.0.5', port: 6380 },
};

/** Every subprocess is bounded; a hang fails the test instead of the run. */
export function run(cmd, args, { timeout = 60_000, cwd = ROOT, allowFailure = false, env } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    timeout,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: env ? { ...process.env, ...env } : process.env,
  });
  const shown = `${cmd} ${args.join(' ')}`;
  if (res.error?.code === 'ETIMEDOUT' || res.signal === 'SIGKILL') {
    throw new Error(`${shown}: timed out after ${timeout} ms`);
  }
  if (res.error) throw new Error(`${shown}: ${res.error.message}`);
  if (res.status !== 0 && !allowFailure) {
    throw new Error(`${shown} exited ${res.status}:\n${res.stderr}${res.stdout}`.slice(0, 4000));
  }
  return res;
}

export function requireHelm() {
  if (!existsSync(HELM)) {
    throw new Error(`helm not found at ${HELM}: run \`make tools-helm\` (or set TOOLS_BIN)`);
  }
  return HELM;
}

export function parseDocs(text) {
  return YAML.parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0].message}`);
      return doc.toJSON();
    })
    .filter((obj) => obj !== null && obj !== undefined);
}

export function readYaml(path) {
  return YAML.parse(readFileSync(join(ROOT, path), 'utf8'), { merge: true });
}

export function helmTemplate({
  release = 'fitness',
  namespace = 'fitness',
  valuesFiles = [],
  set = [],
  allowFailure = false,
} = {}) {
  const args = [
    'template',
    release,
    CHART_DIR,
    '--namespace',
    namespace,
    '--kube-version',
    KUBE_VERSION,
  ];
  for (const file of valuesFiles) args.push('--values', file);
  for (const kv of set) args.push('--set', kv);
  const res = run(requireHelm(), args, { allowFailure });
  return allowFailure ? res : parseDocs(res.stdout);
}

const COMPOSE_SECRETS = ['JWT_SECRET', 'INTERNAL_TOKEN_SECRET', 'POSTGRES_PASSWORD'];
/** Values for the variables docker-compose.yml requires, random on every call. */
export function composeSecrets() {
  return Object.fromEntries(COMPOSE_SECRETS.map((k) => [k, randomBytes(32).toString('hex')]));
}

let emptyEnvFile;
/**
 * docker-compose (v1, the Debian package) on docker-compose.yml with exactly `env`
 * as the secrets: an empty --env-file keeps a developer's .env out, and the
 * variables of the calling shell are blanked unless given.
 */
export function dockerCompose(args, { env = composeSecrets(), allowFailure = false } = {}) {
  if (!emptyEnvFile) {
    const dir = mkdtempSync(join(tmpdir(), 'fitness-compose-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    emptyEnvFile = join(dir, 'empty.env');
    writeFileSync(emptyEnvFile, '');
  }
  const blank = Object.fromEntries(COMPOSE_SECRETS.map((k) => [k, '']));
  try {
    // A project name keeps docker-compose from guessing one from the directory.
    return run(
      'docker-compose',
      [
        '--project-name',
        'fitness',
        '--env-file',
        emptyEnvFile,
        '--file',
        join(ROOT, 'docker-compose.yml'),
        ...args,
      ],
      { env: { ...blank, ...env }, allowFailure },
    );
  } catch (err) {
    if (/ENOENT/.test(err.message)) {
      const hint = 'docker-compose not found: `make test-deploy` installs the Debian package';
      throw new Error(hint, { cause: err });
    }
    throw err;
  }
}

export const GEN_SECRETS = join(ROOT, 'scripts/gen-secrets.sh');

/**
 * A scratch copy of k8s/ with freshly generated secrets (the base ships none and
 * the developer's own k8s/base/secrets/*.env are left out). Removed at exit.
 */
export function k8sWithSecrets({ generate = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fitness-k8s-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'k8s'), join(dir, 'k8s'), {
    recursive: true,
    filter: (src) => !(basename(dirname(src)) === 'secrets' && src.endsWith('.env')),
  });
  if (generate) run(GEN_SECRETS, ['k8s', join(dir, 'k8s/base/secrets')]);
  return dir;
}

let k8sCopy;
/** `kubectl kustomize` of a directory under k8s/ (e.g. k8s/overlays/kind), with generated secrets. */
export function kustomize(dir, { root } = {}) {
  root ??= k8sCopy ??= k8sWithSecrets();
  return parseDocs(run('kubectl', ['kustomize', join(root, dir)]).stdout);
}

// ---------------------------------------------------------------------------
// Schema validation

const MODELS = {
  'v1/ConfigMap': core.ConfigMap,
  'v1/Secret': core.Secret,
  'v1/Service': core.Service,
  'v1/ServiceAccount': core.ServiceAccount,
  'v1/Pod': core.Pod,
  'v1/PersistentVolumeClaim': core.PersistentVolumeClaim,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'batch/v1/Job': batch.Job,
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
};

const require = createRequire(import.meta.url);
const KM_DIR = dirname(require.resolve('kubernetes-models/package.json'));
const APIMACHINERY_DIR = dirname(
  createRequire(join(KM_DIR, 'package.json')).resolve(
    '@kubernetes-models/apimachinery/package.json',
  ),
);

// kubernetes-models' validate() accepts unknown fields (a mis-indented key in a
// template passes). Its .d.ts files list every field of every type, so they
// give a strict field check like `kubectl apply --validate=strict`.
const dtsCache = new Map();
function dtsType(file) {
  if (dtsCache.has(file)) return dtsCache.get(file);
  let parsed = null;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const imports = new Map();
    for (const m of text.matchAll(/^import \{ ([^}]+) \} from "([^"]+)";$/gm)) {
      const spec = m[2];
      let target = null;
      if (spec.startsWith('.')) target = resolve(dirname(file), `${spec}.d.ts`);
      else if (spec.startsWith('@kubernetes-models/apimachinery/')) {
        target = join(
          APIMACHINERY_DIR,
          `${spec.slice('@kubernetes-models/apimachinery/'.length)}.d.ts`,
        );
      }
      for (const name of m[1].split(',').map((s) => s.trim()))
        if (target) imports.set(name, target);
    }
    const body = text.match(/^export interface I\w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m);
    if (body) {
      parsed = new Map();
      const lines = body[1].split('\n');
      for (let i = 0; i < lines.length; i++) {
        const m = lines[i].match(/^ {4}"([^"]+)"\??: (.*)$/);
        if (!m) continue;
        let type = m[2];
        if (type === '{') {
          const value = lines[i + 1].match(/\[key: string\]: (.*);$/);
          type = { map: value ? typeOf(value[1], imports) : null };
          while (i < lines.length && !/^ {4}\};$/.test(lines[i])) i++;
        } else {
          type = typeOf(type.replace(/;$/, ''), imports);
        }
        parsed.set(m[1], type);
      }
    }
  }
  dtsCache.set(file, parsed);
  return parsed;
}
function typeOf(text, imports) {
  const arr = text.match(/^Array<(\w+)>$/);
  if (arr) return { array: typeOf(arr[1], imports) };
  if (imports.has(text)) return { ref: imports.get(text) };
  return null; // scalar, literal union or type alias: nothing to descend into
}
function strictFields(value, type, path, problems) {
  if (!type || value === null || typeof value !== 'object') return;
  if (type.array) {
    if (Array.isArray(value))
      value.forEach((v, i) => strictFields(v, type.array, `${path}[${i}]`, problems));
    return;
  }
  if (type.map !== undefined) {
    if (type.map)
      for (const [k, v] of Object.entries(value))
        strictFields(v, type.map, `${path}.${k}`, problems);
    return;
  }
  const fields = dtsType(type.ref);
  if (!fields || Array.isArray(value)) return; // IntOrString, Quantity, ... or a type error validate() reports
  for (const [key, v] of Object.entries(value)) {
    if (!fields.has(key)) problems.push(`${path}.${key}: unknown field`);
    else strictFields(v, fields.get(key), `${path}.${key}`, problems);
  }
}

function checkServiceMonitorShape(obj, where, problems) {
  const spec = obj.spec;
  const allowed = new Set(['apiVersion', 'kind', 'metadata', 'spec']);
  for (const key of Object.keys(obj))
    if (!allowed.has(key)) problems.push(`${where}: unknown field ${key}`);
  if (!obj.metadata?.name) problems.push(`${where}: metadata.name missing`);
  if (!spec?.selector?.matchLabels || !Object.keys(spec.selector.matchLabels).length) {
    problems.push(`${where}: spec.selector.matchLabels missing`);
  }
  if (!Array.isArray(spec?.endpoints) || spec.endpoints.length === 0) {
    problems.push(`${where}: spec.endpoints missing`);
    return;
  }
  for (const ep of spec.endpoints) {
    if (typeof ep.port !== 'string' || !ep.port)
      problems.push(`${where}: endpoint without a named port`);
    if (ep.path && !ep.path.startsWith('/')) problems.push(`${where}: endpoint path ${ep.path}`);
    if (ep.interval && !/^\d+(ms|s|m|h)$/.test(ep.interval))
      problems.push(`${where}: bad interval ${ep.interval}`);
  }
}

/** Schema-validate every object; unknown kinds fail, ServiceMonitor is checked by shape. */
export function validateAll(objects) {
  const problems = [];
  for (const obj of objects) {
    const where = `${obj.kind}/${obj.metadata?.name}`;
    if (obj.apiVersion === 'monitoring.coreos.com/v1' && obj.kind === 'ServiceMonitor') {
      checkServiceMonitorShape(obj, where, problems);
      continue;
    }
    const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
    if (!Model) {
      problems.push(`${where}: unexpected kind ${obj.apiVersion}/${obj.kind}`);
      continue;
    }
    // kustomize wraps long base64 values at 70 columns; the API server's base64
    // decoder skips line breaks, kubernetes-models' "byte" format does not.
    const data =
      obj.kind === 'Secret' && obj.data
        ? Object.fromEntries(
            Object.entries(obj.data).map(([k, v]) => [k, String(v).replace(/[\r\n]/g, '')]),
          )
        : undefined;
    try {
      new Model(data ? { ...obj, data } : obj).validate();
    } catch (err) {
      problems.push(`${where}: ${err.message}`);
    }
    const dts = join(
      KM_DIR,
      obj.apiVersion.includes('/') ? obj.apiVersion : `v1`,
      `${obj.kind}.d.ts`,
    );
    if (!existsSync(dts)) problems.push(`${where}: no type definition at ${dts}`);
    else strictFields(obj, { ref: dts }, where, problems);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Accessors

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'Pod']);
export const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);
export const component = (obj) => obj.metadata?.labels?.['app.kubernetes.io/component'];
export function podSpec(obj) {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}
/** The images of the workloads of one kind (each one's first container), sorted. */
export const imagesOf = (objects, kind) =>
  byKind(objects, kind)
    .map((o) => podSpec(o).containers[0].image)
    .sort();
export function containersOf(obj, { init = true } = {}) {
  const spec = podSpec(obj) ?? {};
  return [...(init ? (spec.initContainers ?? []) : []), ...(spec.containers ?? [])];
}
export const envNames = (container) => (container.env ?? []).map((e) => e.name).sort();
export function findObject(objects, kind, name) {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

/** Value of an env var: literal, or resolved from a ConfigMap of the render. */
export function envValue(objects, container, name) {
  const env = (container.env ?? []).find((e) => e.name === name);
  if (!env) return undefined;
  if (env.value !== undefined) return env.value;
  const ref = env.valueFrom?.configMapKeyRef;
  if (ref) return findObject(objects, 'ConfigMap', ref.name)?.data?.[ref.key];
  return undefined;
}

// ---------------------------------------------------------------------------
// Checks (each returns a list of problems; empty = fine)

/** Probes on long-running containers; resources (ephemeral-storage too), non-root and hardening on every container. */
export function checkContainers(objects) {
  const problems = [];
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    const spec = podSpec(obj) ?? {};
    const podNonRoot = spec.securityContext?.runAsNonRoot === true;
    const longRunning = obj.kind === 'Deployment' || obj.kind === 'StatefulSet';
    for (const c of containersOf(obj)) {
      const where = `${obj.kind}/${obj.metadata.name} container ${c.name}`;
      const isInit = (spec.initContainers ?? []).includes(c);
      if (longRunning && !isInit) {
        if (!c.readinessProbe) problems.push(`${where}: no readinessProbe`);
        if (!c.livenessProbe) problems.push(`${where}: no livenessProbe`);
      }
      for (const kind of ['requests', 'limits']) {
        for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
          if (c.resources?.[kind]?.[res] === undefined)
            problems.push(`${where}: no resources.${kind}.${res}`);
        }
      }
      const sc = c.securityContext ?? {};
      if (!(sc.runAsNonRoot === true || (podNonRoot && sc.runAsNonRoot !== false))) {
        problems.push(`${where}: not runAsNonRoot`);
      }
      if (sc.runAsUser === 0 || spec.securityContext?.runAsUser === 0)
        problems.push(`${where}: runs as uid 0`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation not false`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem writable`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        problems.push(`${where}: capabilities not dropped`);
      problems.push(...checkImage(c.image, where));
    }
  }
  return problems;
}

export function checkImage(image, where) {
  if (typeof image !== 'string' || !image) return [`${where}: no image`];
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  if (!tag && !image.includes('@sha256:')) return [`${where}: image ${image} has no tag`];
  if (tag === 'latest') return [`${where}: image ${image} uses latest`];
  return [];
}

/** Probe ports must be ports the container declares. */
export function checkProbePorts(objects) {
  const problems = [];
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    for (const c of containersOf(obj, { init: false })) {
      const names = new Set((c.ports ?? []).map((p) => p.name));
      const numbers = new Set((c.ports ?? []).map((p) => p.containerPort));
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const p = c[probe];
        const port = p?.httpGet?.port ?? p?.grpc?.port ?? p?.tcpSocket?.port;
        if (port === undefined) continue;
        if (!(names.has(port) || numbers.has(port))) {
          problems.push(
            `${obj.kind}/${obj.metadata.name} ${c.name} ${probe}: port ${port} not declared`,
          );
        }
      }
    }
  }
  return problems;
}

const probeTarget = (p) =>
  p?.httpGet
    ? `http ${p.httpGet.port} ${p.httpGet.path}`
    : p?.tcpSocket
      ? `tcp ${p.tcpSocket.port}`
      : p?.grpc
        ? `grpc ${p.grpc.port} ${p.grpc.service ?? ''}`
        : p?.exec
          ? `exec ${p.exec.command.join(' ')}`
          : null;
const probeWindow = (p) => (p.periodSeconds ?? 10) * (p.failureThreshold ?? 3);

/**
 * Liveness and readiness differ on every long-running container (kube-score: the same
 * check for both restarts a pod that is only busy or waiting for a dependency), the
 * liveness probe is the more patient one (period and failure window), and the services'
 * liveness never asks a dependency (/readyz and grpc.health.v1 follow the database).
 */
export function checkProbes(objects) {
  const problems = [];
  for (const w of objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind))) {
    for (const c of containersOf(w, { init: false })) {
      const { livenessProbe: live, readinessProbe: ready } = c;
      if (!live || !ready) continue; // checkContainers reports it
      const where = `${w.kind}/${w.metadata.name} ${c.name}`;
      if (probeTarget(live) === probeTarget(ready)) {
        problems.push(`${where}: liveness and readiness probe the same (${probeTarget(live)})`);
      }
      if ((live.periodSeconds ?? 10) < (ready.periodSeconds ?? 10)) {
        problems.push(`${where}: liveness probes more often than readiness`);
      }
      if (probeWindow(live) <= probeWindow(ready)) {
        problems.push(
          `${where}: liveness gives up within ${probeWindow(live)} s, readiness ${probeWindow(ready)} s`,
        );
      }
      if (live.grpc || live.httpGet?.path === '/readyz') {
        problems.push(`${where}: liveness follows the dependencies (${probeTarget(live)})`);
      }
    }
  }
  return problems;
}

/**
 * Every Deployment that runs two or more pods (its replicas, or its HPA's minimum)
 * has a PodDisruptionBudget that allows a disruption, and spreads its pods over nodes
 * with a soft topologySpreadConstraint on its own pods.
 */
export function checkAvailability(objects) {
  const problems = [];
  for (const d of byKind(objects, 'Deployment')) {
    const hpa = byKind(objects, 'HorizontalPodAutoscaler').find(
      (h) => h.spec.scaleTargetRef.name === d.metadata.name,
    );
    const replicas = Math.max(d.spec.replicas ?? 1, hpa?.spec.minReplicas ?? 0);
    if (replicas < 2) continue;
    const where = `Deployment/${d.metadata.name}`;
    const labels = d.spec.template.metadata.labels;
    const pdb = byKind(objects, 'PodDisruptionBudget').find((p) =>
      matches(p.spec.selector?.matchLabels, labels),
    );
    if (!pdb) problems.push(`${where}: ${replicas} replicas and no PodDisruptionBudget`);
    else if (typeof pdb.spec.minAvailable === 'number' && pdb.spec.minAvailable >= replicas) {
      problems.push(
        `${where}: PodDisruptionBudget minAvailable ${pdb.spec.minAvailable} of ${replicas}`,
      );
    }
    const spread = (d.spec.template.spec.topologySpreadConstraints ?? []).find(
      (t) =>
        t.topologyKey === 'kubernetes.io/hostname' && matches(t.labelSelector?.matchLabels, labels),
    );
    if (!spread) problems.push(`${where}: ${replicas} replicas not spread over nodes`);
    else if (spread.whenUnsatisfiable !== 'ScheduleAnyway') {
      problems.push(`${where}: topology spread ${spread.whenUnsatisfiable}, not ScheduleAnyway`);
    }
  }
  return problems;
}

/** The gateway runs at least `min` pods: its replicas, or its HPA's minReplicas when the HPA owns the count. */
export function gatewayReplicas(objects) {
  const gw = byKind(objects, 'Deployment').find((d) => component(d) === 'gateway');
  if (!gw) return 0;
  const hpa = byKind(objects, 'HorizontalPodAutoscaler').find(
    (h) => h.spec.scaleTargetRef.name === gw.metadata.name,
  );
  if (hpa) return Math.max(gw.spec.replicas ?? 0, hpa.spec.minReplicas ?? 1);
  return gw.spec.replicas ?? 1;
}

/**
 * Every *_SERVICE_TARGET names a Service of the render: a dns:/// target whose
 * host is a headless Service (client-side round_robin needs every pod address)
 * exposing that port, in the pod's namespace when the name is qualified.
 */
export function checkServiceTargets(objects) {
  const problems = [];
  let seen = 0;
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    for (const c of containersOf(obj)) {
      for (const { name } of c.env ?? []) {
        if (!name.endsWith('_SERVICE_TARGET')) continue;
        seen++;
        const where = `${obj.kind}/${obj.metadata.name} ${c.name} ${name}`;
        const value = envValue(objects, c, name);
        const m = /^dns:\/\/\/([a-z0-9.-]+):(\d+)$/.exec(value ?? '');
        if (!m) {
          problems.push(`${where}: ${JSON.stringify(value)} is not dns:///<host>:<port>`);
          continue;
        }
        const [service, namespace, svc] = m[1].split('.');
        const port = Number(m[2]);
        if (
          namespace !== undefined &&
          (svc !== 'svc' || (obj.metadata.namespace && namespace !== obj.metadata.namespace))
        ) {
          problems.push(`${where}: ${m[1]} is not <service>.${obj.metadata.namespace}.svc...`);
        }
        const target = findObject(objects, 'Service', service);
        if (!target) {
          problems.push(`${where}: Service ${service} is not in the render`);
          continue;
        }
        if (target.spec.clusterIP !== 'None')
          problems.push(`${where}: Service ${service} is not headless`);
        if (!(target.spec.ports ?? []).some((p) => p.port === port)) {
          problems.push(`${where}: Service ${service} has no port ${port}`);
        }
      }
    }
  }
  if (seen === 0) problems.push('no *_SERVICE_TARGET env var at all');
  return problems;
}

export const SECRET_KEY = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY/i;
export const URL_WITH_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*:[^\s/@]+@/i;

/** ConfigMaps carry no secret-looking key and no URL with credentials. */
export function checkConfigMapsHaveNoSecrets(objects) {
  const problems = [];
  for (const cm of byKind(objects, 'ConfigMap')) {
    for (const [key, value] of Object.entries({ ...cm.data, ...cm.binaryData })) {
      if (SECRET_KEY.test(key))
        problems.push(`ConfigMap/${cm.metadata.name}: secret-looking key ${key}`);
      if (URL_WITH_CREDENTIALS.test(String(value))) {
        problems.push(`ConfigMap/${cm.metadata.name}: ${key} holds a URL with credentials`);
      }
    }
  }
  return problems;
}

/** Secret and ConfigMap references resolve to objects of the render (or listed external Secrets) with that key. */
export function checkReferences(objects, { externalSecrets = [] } = {}) {
  const problems = [];
  const data = (obj) => ({ ...obj.data, ...obj.stringData, ...obj.binaryData });
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    for (const c of containersOf(obj)) {
      for (const env of c.env ?? []) {
        const where = `${obj.kind}/${obj.metadata.name} ${c.name} ${env.name}`;
        for (const [refKind, ref] of [
          ['Secret', env.valueFrom?.secretKeyRef],
          ['ConfigMap', env.valueFrom?.configMapKeyRef],
        ]) {
          if (!ref) continue;
          if (refKind === 'Secret' && externalSecrets.includes(ref.name)) continue;
          const target = findObject(objects, refKind, ref.name);
          if (!target) problems.push(`${where}: ${refKind} ${ref.name} not in the render`);
          else if (!(ref.key in data(target)))
            problems.push(`${where}: ${refKind} ${ref.name} has no key ${ref.key}`);
        }
      }
    }
    const spec = podSpec(obj) ?? {};
    if (
      spec.serviceAccountName &&
      spec.serviceAccountName !== 'default' &&
      !findObject(objects, 'ServiceAccount', spec.serviceAccountName)
    ) {
      problems.push(
        `${obj.kind}/${obj.metadata.name}: ServiceAccount ${spec.serviceAccountName} not in the render`,
      );
    }
  }
  return problems;
}

const matches = (selector, labels) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Selectors select: workloads their own pods, Services/PDBs some workload, HPAs and Ingresses existing targets. */
export function checkWiring(objects) {
  const problems = [];
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
  for (const w of workloads) {
    if (!matches(w.spec.selector?.matchLabels, w.spec.template?.metadata?.labels)) {
      problems.push(`${w.kind}/${w.metadata.name}: selector does not match its pod labels`);
    }
    if (w.kind === 'StatefulSet') {
      const governing = findObject(objects, 'Service', w.spec.serviceName);
      if (!governing) {
        problems.push(
          `StatefulSet/${w.metadata.name}: serviceName ${w.spec.serviceName} not in the render`,
        );
      } else if (governing.spec.clusterIP !== 'None') {
        problems.push(
          `StatefulSet/${w.metadata.name}: serviceName ${w.spec.serviceName} is not headless`,
        );
      } else if (!matches(governing.spec.selector, w.spec.template.metadata.labels)) {
        problems.push(
          `StatefulSet/${w.metadata.name}: serviceName ${w.spec.serviceName} selects other pods`,
        );
      }
    }
  }
  for (const s of byKind(objects, 'Service')) {
    const targets = workloads.filter((w) =>
      matches(s.spec.selector, w.spec.template.metadata.labels),
    );
    if (targets.length === 0) {
      problems.push(`Service/${s.metadata.name}: selects no workload`);
      continue;
    }
    for (const p of s.spec.ports ?? []) {
      if (typeof p.targetPort !== 'string') continue;
      const ok = targets.some((w) =>
        containersOf(w, { init: false }).some((c) =>
          (c.ports ?? []).some((cp) => cp.name === p.targetPort),
        ),
      );
      if (!ok)
        problems.push(
          `Service/${s.metadata.name}: targetPort ${p.targetPort} is no container port`,
        );
    }
  }
  for (const pdb of byKind(objects, 'PodDisruptionBudget')) {
    if (
      !workloads.some((w) =>
        matches(pdb.spec.selector?.matchLabels, w.spec.template.metadata.labels),
      )
    ) {
      problems.push(`PodDisruptionBudget/${pdb.metadata.name}: selects no workload`);
    }
  }
  for (const hpa of byKind(objects, 'HorizontalPodAutoscaler')) {
    if (!findObject(objects, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name)) {
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: target not in the render`);
    }
    if (hpa.spec.minReplicas < 2)
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: minReplicas < 2`);
  }
  for (const ing of byKind(objects, 'Ingress')) {
    for (const rule of ing.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const svc = findObject(objects, 'Service', path.backend.service?.name);
        if (!svc)
          problems.push(
            `Ingress/${ing.metadata.name}: backend ${path.backend.service?.name} not in the render`,
          );
        else if (
          !svc.spec.ports.some(
            (p) =>
              p.name === path.backend.service.port.name ||
              p.port === path.backend.service.port.number,
          )
        ) {
          problems.push(
            `Ingress/${ing.metadata.name}: backend port not on Service ${svc.metadata.name}`,
          );
        }
      }
    }
  }
  return problems;
}

/** The signing secrets each service gets; no other container gets either. */
export const AUTH_SECRET_ENV = {
  gateway: ['INTERNAL_TOKEN_SECRET', 'JWT_SECRET'],
  user: ['INTERNAL_TOKEN_SECRET', 'JWT_SECRET'],
  activity: ['INTERNAL_TOKEN_SECRET'],
};
const AUTH_SECRETS = new Set(Object.values(AUTH_SECRET_ENV).flat());

/** JWT_SECRET and INTERNAL_TOKEN_SECRET reach exactly the services that use them, from a Secret. */
export function checkAuthSecrets(objects) {
  const problems = [];
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    const spec = podSpec(obj) ?? {};
    for (const c of containersOf(obj)) {
      const where = `${obj.kind}/${obj.metadata.name} container ${c.name}`;
      const main = obj.kind === 'Deployment' && spec.containers?.[0] === c;
      const expected = (main && AUTH_SECRET_ENV[component(obj)]) || [];
      const got = (c.env ?? []).filter((e) => AUTH_SECRETS.has(e.name));
      const names = got.map((e) => e.name).sort();
      if (names.join() !== expected.join()) {
        problems.push(`${where}: gets [${names}], should get [${expected}]`);
      }
      for (const e of got) {
        if (!e.valueFrom?.secretKeyRef) problems.push(`${where}: ${e.name} is not from a Secret`);
      }
    }
  }
  return problems;
}

const UNITS = {
  kubernetes: { '': 1, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 },
  // redis.conf: 1k = 1000 bytes, 1kb = 1024 bytes (case-insensitive)
  redis: { '': 1, k: 1e3, kb: 2 ** 10, m: 1e6, mb: 2 ** 20, g: 1e9, gb: 2 ** 30 },
  // docker/compose mem_limit: binary units
  docker: { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 },
};
/** Bytes of a memory size written in the given system's units; NaN if unreadable. */
export function bytesOf(value, system) {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(String(value));
  const units = UNITS[system];
  const unit = m && (system === 'kubernetes' ? m[2] : m[2].toLowerCase());
  return m && unit in units ? Number(m[1]) * units[unit] : NaN;
}

/**
 * Redis evicts only keys with a TTL (volatile-lru: the outbox of ended group
 * sessions has none and must never go) and keeps its data at most 3/4 of the
 * memory limit (AOF rewrites fork; buffers and fragmentation come on top).
 */
export function redisMemoryProblems(args, limitBytes, where) {
  const problems = [];
  const arg = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const policy = arg('--maxmemory-policy');
  if (policy !== 'volatile-lru')
    problems.push(`${where}: maxmemory-policy ${policy}, not volatile-lru`);
  const max = bytesOf(arg('--maxmemory'), 'redis');
  if (!(max > 0)) problems.push(`${where}: no maxmemory`);
  else if (!(limitBytes > 0)) problems.push(`${where}: no memory limit`);
  else if (max > 0.75 * limitBytes) {
    problems.push(`${where}: maxmemory ${arg('--maxmemory')} above 3/4 of the memory limit`);
  }
  return problems;
}

export function checkRedisMemory(objects) {
  const problems = [];
  for (const obj of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    for (const c of containersOf(obj, { init: false })) {
      if (!/^redis:/.test(c.image ?? '')) continue;
      const limit = bytesOf(c.resources?.limits?.memory, 'kubernetes');
      problems.push(
        ...redisMemoryProblems(c.args ?? [], limit, `${obj.kind}/${obj.metadata.name}`),
      );
    }
  }
  return problems;
}

/** Top-level paths of the gateway's API (its controllers) and of Socket.IO: what an Ingress routes. */
export const INGRESS_API_PATHS = [
  '/users',
  '/workouts',
  '/group-sessions',
  '/leaderboards',
  '/socket.io',
];
/** The web client: its page at `/` (Exact only: `/` as a Prefix would route everything) and bundle. */
export const INGRESS_WEB_PATHS = ['/assets Prefix', '/ Exact'];
/** Routed only when a value turns them on. */
export const INGRESS_OPT_IN_PATHS = ['/metrics', '/docs'];

/** Ingresses route the API, Socket.IO, the web client (and the opt-in paths), never a catch-all or the probes. */
export function checkIngressPaths(objects) {
  const problems = [];
  const allowed = new Set([...INGRESS_API_PATHS, ...INGRESS_OPT_IN_PATHS]);
  for (const ing of byKind(objects, 'Ingress')) {
    for (const rule of ing.spec.rules ?? []) {
      for (const { path, pathType } of rule.http?.paths ?? []) {
        const web = INGRESS_WEB_PATHS.includes(`${path} ${pathType}`);
        if (!web && (!allowed.has(path) || !['Prefix', 'Exact'].includes(pathType))) {
          problems.push(`Ingress/${ing.metadata.name}: routes ${path} (${pathType})`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// NetworkPolicies: the Kubernetes semantics, evaluated offline

/** Pods outside the release, as the chart's networkPolicy defaults describe them. */
export const OUTSIDE_PODS = [
  {
    name: 'kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [
      { port: 53, protocol: 'UDP', name: 'dns' },
      { port: 53, protocol: 'TCP', name: 'dns-tcp' },
    ],
  },
  {
    name: 'ingress-controller',
    namespace: 'ingress-nginx',
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    },
    ports: [],
  },
  {
    name: 'prometheus',
    namespace: 'monitoring',
    labels: { 'app.kubernetes.io/name': 'prometheus' },
    ports: [],
  },
  // Any other pod, in the release's namespace and in another one.
  { name: 'stranger', namespace: null, labels: { app: 'stranger' }, ports: [] },
  { name: 'outsider', namespace: 'elsewhere', labels: { app: 'outsider' }, ports: [] },
];
/** An address outside the cluster that no component needs. */
const INTERNET = {
  name: 'internet',
  ip: '203.0.113.10',
  ports: [443, 5432, 6379, 27017].map((port) => ({ port, protocol: 'TCP', name: `p${port}` })),
};

/** The connections the system needs: [from, to, port name]; anything else must be denied. */
export const ALLOWED_FLOWS = [
  ['gateway', 'user', 'grpc'],
  ['gateway', 'activity', 'grpc'],
  ['gateway', 'redis', 'redis'],
  ['activity', 'user', 'grpc'],
  ['activity', 'mongodb', 'mongodb'],
  ['activity', 'redis', 'redis'],
  ['user', 'postgresql', 'postgresql'],
  ['user', 'redis', 'redis'],
  ['user-migrate', 'postgresql', 'postgresql'],
  ['smoke-test', 'gateway', 'http'],
  ['prometheus', 'gateway', 'http'],
  ['prometheus', 'user', 'metrics'],
  ['prometheus', 'activity', 'metrics'],
];

function selects(selector, labels) {
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {}))
    if (labels[k] !== v) return false;
  for (const { key, operator, values = [] } of selector?.matchExpressions ?? []) {
    const has = key in labels;
    const ok = {
      In: has && values.includes(labels[key]),
      NotIn: !(has && values.includes(labels[key])),
      Exists: has,
      DoesNotExist: !has,
    }[operator];
    if (!ok) return false;
  }
  return true;
}

const ipNumber = (ip) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
function inCidr(ip, cidr) {
  const [base, bits] = cidr.split('/');
  if (base.includes(':') || ip.includes(':')) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipNumber(ip) / size) === Math.floor(ipNumber(base) / size);
}

function peerMatches(peer, ep, policyNamespace) {
  if (peer.ipBlock) {
    return (
      inCidr(ep.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((cidr) => inCidr(ep.ip, cidr))
    );
  }
  if (!ep.labels) return false; // an address outside the cluster matches ipBlocks only
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, ep.namespaceLabels)
    : ep.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || selects(peer.podSelector, ep.labels));
}

function portMatches(rulePorts, target) {
  if (!rulePorts?.length) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? 'TCP') !== target.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === target.name;
    return p.endPort ? target.port >= p.port && target.port <= p.endPort : p.port === target.port;
  });
}

const policyTypes = (p) =>
  p.spec.policyTypes ?? (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);

/** Whether `from` may open a connection to `target` (a port of `to`) under these policies. */
export function connectionAllowed(policies, from, to, target) {
  const side = (ep, type, rulesKey, peersKey, peer) => {
    if (!ep.labels) return true; // no policy governs an address outside the cluster
    const governing = policies.filter(
      (p) =>
        (p.metadata.namespace ?? null) === ep.namespace &&
        selects(p.spec.podSelector, ep.labels) &&
        policyTypes(p).includes(type),
    );
    if (governing.length === 0) return true; // not isolated
    return governing.some((p) =>
      (p.spec[rulesKey] ?? []).some(
        (rule) =>
          (!rule[peersKey]?.length ||
            rule[peersKey].some((x) => peerMatches(x, peer, p.metadata.namespace ?? null))) &&
          portMatches(rule.ports, target),
      ),
    );
  };
  return side(from, 'Egress', 'egress', 'to', to) && side(to, 'Ingress', 'ingress', 'from', from);
}

/**
 * The network of a render: its NetworkPolicies and endpoints (one pod per workload,
 * OUTSIDE_PODS, an internet address and the stores of `externalStores`, given as
 * { postgresql: { ip, port } }), each with its ports; `flow(from, to, portName)`
 * answers whether that connection is allowed.
 */
export function networkModel(objects, { externalStores = {} } = {}) {
  const policies = byKind(objects, 'NetworkPolicy');
  const workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
  const namespace = workloads[0]?.metadata.namespace ?? null;
  let host = 1;
  const endpoint = (ep) => ({
    ip: `10.244.0.${host++}`,
    ...ep,
    namespaceLabels: { 'kubernetes.io/metadata.name': ep.namespace ?? '(release namespace)' },
  });
  const release = workloads.map((w) =>
    endpoint({
      name: component(w),
      namespace: w.metadata.namespace ?? null,
      labels: (w.kind === 'Pod' ? w.metadata : w.spec.template.metadata).labels ?? {},
      ports: containersOf(w).flatMap((c) =>
        (c.ports ?? []).map((p) => ({
          port: p.containerPort,
          protocol: p.protocol ?? 'TCP',
          name: p.name,
        })),
      ),
    }),
  );
  const outside = OUTSIDE_PODS.map((p) => endpoint({ ...p, namespace: p.namespace ?? namespace }));
  const addresses = [
    INTERNET,
    ...Object.entries(externalStores).map(([name, { ip, port }]) => ({
      name,
      ip,
      ports: [{ port, protocol: 'TCP', name }],
    })),
  ];
  const byName = Object.fromEntries([...release, ...outside, ...addresses].map((e) => [e.name, e]));
  const flow = (from, to, portName) => {
    const target = byName[to]?.ports.find((p) => p.name === portName);
    assert(byName[from] && target, `no endpoint ${from} or port ${to}:${portName}`);
    return connectionAllowed(policies, byName[from], byName[to], target);
  };
  return { policies, release, outside, addresses, byName, flow };
}

/**
 * NetworkPolicies allow exactly the flows the system needs: ALLOWED_FLOWS, DNS for
 * every pod of the release, the ingress controller -> gateway when the render has an
 * Ingress, anyone -> gateway when its Service is a NodePort or LoadBalancer. Every
 * other connection between a release pod and anything (another release pod, other
 * pods, outside addresses, external stores) is denied.
 */
export function checkNetworkPolicies(objects, options = {}) {
  const { policies, release, outside, addresses } = networkModel(objects, options);
  if (policies.length === 0) return ['no NetworkPolicy in the render'];
  const gatewayService = byKind(objects, 'Service').find(
    (s) => component(s) === 'gateway' && ['NodePort', 'LoadBalancer'].includes(s.spec.type),
  );
  const ingress = byKind(objects, 'Ingress').length > 0;
  const expected = (from, to, target) => {
    if (release.includes(from) && to.name === 'kube-dns') return true;
    if (to.name === 'gateway' && target.name === 'http') {
      // a node port: whoever may send (release pods keep their own egress rules)
      if (gatewayService && !release.includes(from)) return true;
      if (ingress && from.name === 'ingress-controller') return true;
    }
    return ALLOWED_FLOWS.some(
      ([f, t, port]) => f === from.name && t === to.name && port === target.name,
    );
  };
  const problems = [];
  for (const from of [...release, ...outside]) {
    for (const to of [...release, ...outside, ...addresses]) {
      if (!release.includes(from) && !release.includes(to)) continue;
      for (const target of to.ports) {
        const allowed = connectionAllowed(policies, from, to, target);
        if (allowed !== expected(from, to, target)) {
          problems.push(
            `${from.name} -> ${to.name}:${target.port}/${target.protocol}: ${allowed ? 'allowed, must be denied' : 'denied, must be allowed'}`,
          );
        }
      }
    }
  }
  return problems;
}

/** Everything a rendered manifest set must satisfy. */
export function allProblems(objects, options = {}) {
  return [
    ...validateAll(objects),
    ...checkContainers(objects),
    ...checkProbePorts(objects),
    ...checkProbes(objects),
    ...checkAvailability(objects),
    ...checkServiceTargets(objects),
    ...checkConfigMapsHaveNoSecrets(objects),
    ...checkReferences(objects, options),
    ...checkAuthSecrets(objects),
    ...checkRedisMemory(objects),
    ...checkIngressPaths(objects),
    ...checkNetworkPolicies(objects, options),
    ...checkWiring(objects),
    ...(gatewayReplicas(objects) >= 2
      ? []
      : [`gateway runs ${gatewayReplicas(objects)} replica(s), needs >= 2`]),
  ];
}

const probeSummary = (p) =>
  p?.grpc
    ? `grpc:${p.grpc.port}`
    : p?.httpGet
      ? `http:${p.httpGet.port}${p.httpGet.path}`
      : p?.tcpSocket
        ? `tcp:${p.tcpSocket.port}`
        : p?.exec
          ? `exec:${p.exec.command.join(' ')}`
          : null;

/** Per component: container ports, env var names and probes, the shape compared across chart and kustomize. */
export function workloadShape(objects, kind = 'Deployment') {
  const shape = {};
  for (const w of byKind(objects, kind)) {
    shape[component(w)] = Object.fromEntries(
      containersOf(w, { init: false }).map((c) => [
        c.name,
        {
          ports: (c.ports ?? []).map((p) => `${p.name}:${p.containerPort}`).sort(),
          env: envNames(c),
          probes: Object.fromEntries(
            ['startupProbe', 'readinessProbe', 'livenessProbe'].map((k) => [k, probeSummary(c[k])]),
          ),
        },
      ]),
    );
  }
  return shape;
}

/** The env var names each service must get (DESIGN.md, issue 5). */
export const EXPECTED_ENV = {
  gateway: [
    'PORT',
    'REDIS_URL',
    'USER_SERVICE_TARGET',
    'ACTIVITY_SERVICE_TARGET',
    'JWT_SECRET',
    'INTERNAL_TOKEN_SECRET',
    'LOG_LEVEL',
    'GRPC_DEADLINE_MS',
    'TRUST_PROXY_HOPS',
    'CORS_ORIGINS',
  ],
  user: [
    'GRPC_PORT',
    'METRICS_PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'INTERNAL_TOKEN_SECRET',
    'JWT_EXPIRES_IN',
    'LOG_LEVEL',
  ],
  activity: [
    'GRPC_PORT',
    'METRICS_PORT',
    'MONGO_URL',
    'REDIS_URL',
    'USER_SERVICE_TARGET',
    'INTERNAL_TOKEN_SECRET',
    'LOG_LEVEL',
  ],
};
/** Tunables the chart and the kustomize base set too (compose leaves them at the services' defaults). */
export const TUNED_ENV = {
  gateway: [
    'GROUP_SESSION_RECORD_MAX_BYTES',
    'EXERCISE_RATE_PER_SECOND',
    'EXERCISE_BURST',
    'GROUP_SESSIONS_PER_MINUTE',
    'SOCKET_MAX_PENDING_EVENTS',
    'REDIS_COMMAND_TIMEOUT_MS',
  ],
  user: ['DB_STATEMENT_TIMEOUT_MS'],
  activity: [],
};
/** Env var names of a Kubernetes render (chart or kustomize) per service. */
export const KUBE_ENV = Object.fromEntries(
  Object.entries(EXPECTED_ENV).map(([svc, names]) => [svc, [...names, ...TUNED_ENV[svc]].sort()]),
);

/**
 * What a service's env.dto.ts (and the shared classes of libs/common/src/config.ts)
 * says of each numeric variable: { NAME: { min, max, default } } from @Min, @Max and
 * the initialiser (integer arithmetic such as `2 * 1024 * 1024` only).
 */
export function serviceEnvSpec(svc) {
  const spec = {};
  const num = (expr) => {
    const e = expr.replace(/_/g, '').trim();
    if (!/^[\d\s*+]+$/.test(e)) return undefined;
    return e
      .split('+')
      .map((t) => t.split('*').reduce((a, b) => a * Number(b), 1))
      .reduce((a, b) => a + b, 0);
  };
  for (const file of ['libs/common/src/config.ts', `services/${svc}/src/config/env.dto.ts`]) {
    let pending = {};
    for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
      const deco = /^\s*@(Min|Max)\((.+)\)\s*$/.exec(line);
      if (deco) pending[deco[1].toLowerCase()] = num(deco[2]);
      const prop = /^\s*([A-Z][A-Z0-9_]*)\??: [^=;]+(?:= (.+))?;$/.exec(line);
      if (prop) {
        spec[prop[1]] = { ...pending, default: prop[2] === undefined ? undefined : num(prop[2]) };
        pending = {};
      }
    }
  }
  return spec;
}

/** LOG_LEVEL values the services accept (Nest logger levels; libs/common/src/config.ts). */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'];
export const EXPECTED_PORTS = { gateway: 3000, user: 50051, activity: 50061, metrics: 9100 };
