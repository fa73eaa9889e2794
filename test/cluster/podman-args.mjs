// `podman run` arguments for one workload of the chart, read from `helm template` output, so that
// `make test-images` runs each image with exactly what the chart gives its pod: environment
// (values, ConfigMap and Secret references resolved from the same render), command and args,
// user and group, read-only root, dropped capabilities, no privilege escalation, seccomp,
// emptyDir volumes (as tmpfs of their sizeLimit), memory and CPU limits, and the termination
// grace period (as the stop timeout). Nothing here is retyped from the chart.
//
// Usage: node test/cluster/podman-args.mjs RENDER.yaml KIND/NAME [CONTAINER]
// Prints one JSON object: { args: [...podman run options, image, ...command], grace: seconds }.
// Exits 1 naming what it could not translate (a field the chart starts to use that podman
// cannot mirror must be handled here, not silently dropped).
import { readFileSync } from 'node:fs';
import YAML from 'yaml';

const [file, ref, containerName] = process.argv.slice(2);
if (!file || !ref) {
  console.error('usage: podman-args.mjs RENDER.yaml KIND/NAME [CONTAINER]');
  process.exit(2);
}
const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'))
  .map((d) => d.toJS())
  .filter(Boolean);
const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
const [kind, name] = ref.split('/');
const workload = find(kind, name);
if (!workload) fail(`${ref} is not in ${file}`);
const pod = kind === 'Pod' ? workload.spec : workload.spec.template.spec;
const container = containerName
  ? pod.containers.find((c) => c.name === containerName)
  : pod.containers[0];
if (!container) fail(`${ref} has no container ${containerName}`);

function fail(msg) {
  console.error(`podman-args: ${msg}`);
  process.exit(1);
}

function secretValue(sel) {
  const secret = find('Secret', sel.name);
  if (!secret) fail(`Secret ${sel.name} is not in the render`);
  if (secret.stringData?.[sel.key] !== undefined) return secret.stringData[sel.key];
  if (secret.data?.[sel.key] === undefined) fail(`Secret ${sel.name} has no key ${sel.key}`);
  return Buffer.from(secret.data[sel.key], 'base64').toString('utf8');
}
function configValue(sel) {
  const cm = find('ConfigMap', sel.name);
  if (!cm || cm.data?.[sel.key] === undefined)
    fail(`ConfigMap ${sel.name}/${sel.key} is not in the render`);
  return cm.data[sel.key];
}

const args = [];
// environment: the kubelet's order, $(VAR) expanded from earlier entries as it does
const env = new Map();
for (const src of container.envFrom ?? []) {
  const data = src.configMapRef
    ? find('ConfigMap', src.configMapRef.name)?.data
    : Object.fromEntries(
        Object.keys(find('Secret', src.secretRef.name)?.data ?? {}).map((k) => [
          k,
          secretValue({ name: src.secretRef.name, key: k }),
        ]),
      );
  for (const [k, v] of Object.entries(data ?? {})) env.set((src.prefix ?? '') + k, v);
}
const expand = (s) => s.replace(/\$\(([A-Z0-9_]+)\)/g, (m, k) => (env.has(k) ? env.get(k) : m));
for (const e of container.env ?? []) {
  let value;
  if (e.value !== undefined) value = expand(String(e.value));
  else if (e.valueFrom?.secretKeyRef) value = secretValue(e.valueFrom.secretKeyRef);
  else if (e.valueFrom?.configMapKeyRef) value = configValue(e.valueFrom.configMapKeyRef);
  else fail(`env ${e.name}: unsupported source ${JSON.stringify(e.valueFrom)}`);
  env.set(e.name, value);
}
for (const [k, v] of env) args.push('-e', `${k}=${v}`);

// security: the pod's context, overridden by the container's (as the kubelet merges them)
const sc = { ...(pod.securityContext ?? {}), ...(container.securityContext ?? {}) };
if (sc.runAsUser !== undefined)
  args.push('--user', `${sc.runAsUser}:${sc.runAsGroup ?? sc.runAsUser}`);
if (sc.fsGroup !== undefined) args.push('--group-add', String(sc.fsGroup));
if (sc.readOnlyRootFilesystem) args.push('--read-only');
if (sc.allowPrivilegeEscalation === false) args.push('--security-opt', 'no-new-privileges');
for (const cap of sc.capabilities?.drop ?? []) args.push('--cap-drop', cap);
for (const cap of sc.capabilities?.add ?? []) args.push('--cap-add', cap);
if (sc.privileged) fail('privileged containers are not mirrored');
if (sc.seccompProfile && sc.seccompProfile.type !== 'RuntimeDefault')
  fail(`seccomp ${sc.seccompProfile.type} is not mirrored`);
// RuntimeDefault = podman's default seccomp profile: nothing to add.

// volumes: emptyDir -> tmpfs (sizeLimit as its size); anything else is not mirrored
for (const m of container.volumeMounts ?? []) {
  const vol = (pod.volumes ?? []).find((v) => v.name === m.name);
  if (!vol?.emptyDir) fail(`volume ${m.name}: only emptyDir is mirrored`);
  const size = vol.emptyDir.sizeLimit ? `,size=${quantityBytes(vol.emptyDir.sizeLimit)}` : '';
  args.push('--tmpfs', `${m.mountPath}:rw,nosuid,nodev${size}`);
}

// resources: limits as the container's cgroup limits
const limits = container.resources?.limits ?? {};
if (limits.memory) args.push('--memory', String(quantityBytes(limits.memory)));
if (limits.cpu) args.push('--cpus', String(cpuCores(limits.cpu)));

const grace = pod.terminationGracePeriodSeconds ?? 30;
args.push('--stop-timeout', String(grace));
if (container.workingDir) args.push('--workdir', container.workingDir);
if (container.command) args.push('--entrypoint', JSON.stringify(container.command));
args.push(container.image, ...(container.args ?? []).map(expand));

function quantityBytes(q) {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(String(q));
  if (!m) fail(`quantity ${q} not understood`);
  const pow = {
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return Math.round(Number(m[1]) * (m[2] ? pow[m[2]] : 1));
}
function cpuCores(q) {
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
}

console.log(
  JSON.stringify({
    args,
    grace,
    preStop: container.lifecycle?.preStop?.exec?.command ?? null,
    ports: (container.ports ?? []).map((p) => p.containerPort),
    // names the environment points at (dns:///name:port, http://name:port): the caller maps
    // them to where the other containers listen
    hosts: [...env.values()].flatMap((v) =>
      [...String(v).matchAll(/(?:dns:\/\/\/|https?:\/\/)([a-z0-9][a-z0-9.-]*[a-z])(?::\d+)/g)].map(
        (m) => m[1],
      ),
    ),
  }),
);
