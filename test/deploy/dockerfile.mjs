// The root Dockerfile, offline: a model of what a builder does with it for one SERVICE, and
// the checks each image must pass. No engine is needed and nothing is built.
//
// The model resolves the file as a builder would (global and stage ARGs, ENV, settings inherited
// from an earlier stage, `${VAR:?}`), then runs each RUN script with /bin/sh in a stand-in of the
// build context where every external command the scripts call is a stub that only logs its
// arguments: the shell's own logic (if, case, globs) really runs, while nothing is installed,
// compiled or copied. The checks return problems rather than throwing, so checks.test.mjs can
// prove each of them fails on a broken Dockerfile.

/* global structuredClone -- Node >= 17 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { EXPECTED_PORTS, ROOT } from './lib.mjs';

export const DOCKERFILE = join(ROOT, 'Dockerfile');
export const SERVICES = ['gateway', 'user', 'activity'];
export const NODE_IMAGE = 'node:24.11.1-bookworm-slim';
/** What differs between the images: env defaults, exposed ports, the port variable of the health check. */
export const IMAGE_SETTINGS = {
  gateway: {
    env: { PORT: `${EXPECTED_PORTS.gateway}` },
    expose: [`${EXPECTED_PORTS.gateway}`],
    healthPort: 'PORT',
  },
  user: {
    env: { GRPC_PORT: `${EXPECTED_PORTS.user}`, METRICS_PORT: `${EXPECTED_PORTS.metrics}` },
    expose: [`${EXPECTED_PORTS.user}`, `${EXPECTED_PORTS.metrics}`],
    healthPort: 'METRICS_PORT',
  },
  activity: {
    env: { GRPC_PORT: `${EXPECTED_PORTS.activity}`, METRICS_PORT: `${EXPECTED_PORTS.metrics}` },
    expose: [`${EXPECTED_PORTS.activity}`, `${EXPECTED_PORTS.metrics}`],
    healthPort: 'METRICS_PORT',
  },
};
const PORT_VARS = ['PORT', 'GRPC_PORT', 'METRICS_PORT'];
/** Native modules compiled in prod-deps (with a toolchain that the runtime image must not carry). */
export const NATIVE_MODULES = { user: ['argon2'] };
const TOOLCHAIN = ['python3', 'make', 'g++'];
/** A workspace that does not exist yet: the file must take it in like libs/common. */
export const FUTURE_LIB = 'libs/zz-future';
const NON_ROOT_USERS = ['node', '1000', '1000:1000', 'node:node'];
/** What npm ci reads; the install layer should depend on nothing else. */
const MANIFEST_NAMES = ['package.json', 'package-lock.json', '.npmrc'];

// ---------------------------------------------------------------------------
// Parsing and resolving

/** Dockerfile text → global ARGs and stages of {base, name, steps: [{op, args}]}. */
export function parseDockerfile(text) {
  const lines = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (!current && !line)) continue; // comments go, even inside a continuation
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(current + line);
    current = '';
  }
  if (current) lines.push(current);
  const globalArgs = [];
  const stages = [];
  for (const line of lines) {
    const m = line.match(/^(\w+)\s+(.*)$/);
    if (!m) throw new Error(`unreadable Dockerfile line: ${line}`);
    const op = m[1].toUpperCase();
    const args = m[2].replace(/\s+/g, ' ').trim();
    if (op === 'FROM') {
      const [base, as, name, ...rest] = args.split(' ');
      if ((as !== undefined && as.toUpperCase() !== 'AS') || rest.length) {
        throw new Error(`unreadable FROM ${args}`);
      }
      stages.push({ base, name: name?.toLowerCase(), steps: [] });
    } else if (stages.length === 0) {
      if (op !== 'ARG') throw new Error(`${op} before the first FROM`);
      globalArgs.push(parseArg(args));
    } else {
      stages.at(-1).steps.push({ op, args });
    }
  }
  return { globalArgs, stages };
}

const unquote = (s) => s.replace(/^(["'])(.*)\1$/, '$2');
function parseArg(args) {
  const i = args.indexOf('=');
  return i < 0
    ? { name: args, value: undefined }
    : { name: args.slice(0, i), value: unquote(args.slice(i + 1)) };
}

/** A builder's variable substitution: $X, ${X}, ${X:-w}, ${X-w}, ${X:+w}, ${X+w}, ${X:?m}, ${X?m}. */
export function expand(text, vars) {
  return text.replace(
    /\$(?:\{(\w+)(?:(:?[-+?])([^}]*))?\}|(\w+))/g,
    (_, braced, modifier, word, bare) => {
      const name = braced ?? bare;
      const set = vars[name] !== undefined;
      const value = set ? vars[name] : '';
      if (!modifier) return value;
      const missing = modifier.startsWith(':') ? value === '' : !set;
      switch (modifier.at(-1)) {
        case '-':
          return missing ? word : value;
        case '+':
          return missing ? '' : word;
        default:
          if (missing) {
            const why = set ? 'is not allowed to be empty' : 'is not allowed to be unset';
            throw new Error(`${name}: ${word || why}`);
          }
          return value;
      }
    },
  );
}

/**
 * The file as a builder takes it for these build arguments: each stage with its base (an earlier
 * stage or an image), its image settings (inherited from a base stage) and its steps in order,
 * COPY and RUN with the values they see. Throws where a builder stops before running any step.
 */
export function resolveDockerfile({ globalArgs, stages }, buildArgs = {}) {
  const globals = {};
  for (const { name, value } of globalArgs) {
    globals[name] = Object.hasOwn(buildArgs, name)
      ? buildArgs[name]
      : value === undefined
        ? undefined
        : expand(value, globals);
  }
  const resolved = [];
  for (const stage of stages) {
    const base = expand(stage.base, globals);
    const parent = resolved.find((s) => s.name === base);
    const image = parent
      ? structuredClone(parent.image)
      : {
          env: {},
          expose: [],
          workdir: '/',
          user: undefined,
          cmd: undefined,
          healthcheck: undefined,
        };
    const args = {};
    const vars = () => ({ ...args, ...image.env }); // ENV wins over an ARG of the same name
    const events = [];
    for (const { op, args: raw } of stage.steps) {
      switch (op) {
        case 'ARG': {
          const { name, value } = parseArg(raw);
          args[name] = Object.hasOwn(buildArgs, name)
            ? buildArgs[name]
            : value !== undefined
              ? expand(value, vars())
              : globals[name];
          break;
        }
        case 'ENV':
          for (const [k, v] of envPairs(raw)) image.env[k] = expand(v, vars());
          break;
        case 'EXPOSE':
          image.expose.push(...expand(raw, vars()).split(' '));
          break;
        case 'WORKDIR':
          image.workdir = posix.resolve(image.workdir, expand(raw, vars()));
          break;
        case 'USER':
          image.user = expand(raw, vars());
          break;
        case 'CMD':
          image.cmd = raw.startsWith('[') ? JSON.parse(raw) : ['/bin/sh', '-c', raw];
          break;
        case 'HEALTHCHECK':
          image.healthcheck = raw;
          break;
        case 'COPY':
        case 'ADD': {
          const words = raw.startsWith('[') ? JSON.parse(raw) : raw.split(' ');
          const flags = Object.fromEntries(
            words
              .filter((w) => w.startsWith('--'))
              .map((w) => {
                const [k, v = 'true'] = w.slice(2).split('=');
                return [k, expand(v, vars())];
              }),
          );
          const paths = words.filter((w) => !w.startsWith('--')).map((w) => expand(w, vars()));
          const dest = paths.pop();
          events.push({
            kind: 'copy',
            op,
            flags,
            from: flags.from,
            srcs: paths,
            dest: posix.resolve(image.workdir, dest) + (dest.endsWith('/') ? '/' : ''),
          });
          break;
        }
        case 'RUN':
          events.push({
            kind: 'run',
            script: raw,
            env: Object.fromEntries(Object.entries(vars()).filter(([, v]) => v !== undefined)),
            workdir: image.workdir,
          });
          break;
        default:
          break; // LABEL, SHELL, STOPSIGNAL, ...: nothing the checks look at
      }
    }
    resolved.push({ name: stage.name, base, parent: parent?.name, image, events });
  }
  return resolved;
}

function envPairs(raw) {
  if (!/^\w+=/.test(raw)) {
    const [key, ...rest] = raw.split(' ');
    return [[key, unquote(rest.join(' '))]];
  }
  return raw.split(' ').map((pair) => {
    const i = pair.indexOf('=');
    return [pair.slice(0, i), unquote(pair.slice(i + 1))];
  });
}

// ---------------------------------------------------------------------------
// Running the RUN scripts against stubs

const STUBBED = ['apt-get', 'chown', 'cp', 'mkdir', 'npm', 'npx', 'rm'];
let stubDir;
function stubs() {
  if (stubDir) return stubDir;
  stubDir = mkdtempSync(join(tmpdir(), 'dockerfile-stubs-'));
  process.on('exit', () => rmSync(stubDir, { recursive: true, force: true }));
  for (const name of STUBBED) {
    const file = join(stubDir, name);
    // Shell builtins only: the stubs' PATH holds nothing else.
    writeFileSync(
      file,
      [
        '#!/bin/sh',
        `printf '%s' '${name}' >> "$STUB_LOG"`,
        `for a in "$@"; do printf '\\037%s' "$a" >> "$STUB_LOG"; done`,
        `printf '\\n' >> "$STUB_LOG"`,
        '',
      ].join('\n'),
    );
    chmodSync(file, 0o755);
  }
  return stubDir;
}

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const readOr = (file, fallback) => (existsSync(file) ? readFileSync(file, 'utf8') : fallback);

/**
 * Run RUN steps with /bin/sh in `cwd` (one shell, for speed), each in a subshell with the step's
 * ARG and ENV values and a PATH holding only the stubs: a command that is no stub fails ("not
 * found"). Each step gets its exit status, stderr and the calls [command, ...args] it made.
 */
function runStubbed(steps, cwd) {
  const out = join(cwd, '.runs');
  mkdirSync(out);
  const file = (i, ext) => shq(join(out, `${i}.${ext}`));
  const script = steps
    .map((step, i) => {
      // A redirection is the one way a builtin could write on this machine.
      if (/>/.test(step.script.replace(/\d?>&\d/g, ''))) return '';
      return [
        '(',
        ...Object.entries(step.env).map(([k, v]) => `export ${k}=${shq(v)}`),
        `export STUB_LOG=${file(i, 'log')}`,
        step.script,
        `) 2>${file(i, 'err')}`,
        `echo $? >${file(i, 'status')}`,
      ].join('\n');
    })
    .join('\n');
  const res = spawnSync('/bin/sh', ['-c', script], {
    cwd,
    env: { PATH: stubs() },
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  steps.forEach((step, i) => {
    const status = readOr(join(out, `${i}.status`), null);
    Object.assign(step, {
      status: status === null ? -1 : Number(status),
      stderr:
        status === null
          ? `not run: ${res.stderr || res.error || 'it redirects output to a file'}`
          : readOr(join(out, `${i}.err`), ''),
      calls: readOr(join(out, `${i}.log`), '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\u001f')),
    });
  });
}

/** The workspaces of package.json ("libs/*", "services/*", "web") that exist, plus FUTURE_LIB. */
export function workspaces() {
  const globs = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
  const found = globs.flatMap((glob) => {
    if (!glob.includes('*')) return existsSync(join(ROOT, glob, 'package.json')) ? [glob] : [];
    if (!glob.endsWith('/*')) throw new Error(`workspace glob ${glob}: only dir/* is understood`);
    const dir = glob.slice(0, -2);
    return readdirSync(join(ROOT, dir))
      .map((name) => `${dir}/${name}`)
      .filter((ws) => existsSync(join(ROOT, ws, 'package.json')));
  });
  return [...found, FUTURE_LIB];
}

/** Names of the workspaces with a `generate` script (sources that are build output). */
function generators() {
  return workspaces()
    .filter((ws) => existsSync(join(ROOT, ws, 'package.json')))
    .map((ws) => JSON.parse(readFileSync(join(ROOT, ws, 'package.json'), 'utf8')))
    .filter((pkg) => pkg.scripts?.generate)
    .map((pkg) => pkg.name);
}

/**
 * A stand-in of the build context once `tsc -b services/<service>` has run: the root files, every
 * workspace with package.json and src/, dist/ in each lib and in that service, and proto/.
 */
function makeContext(service) {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-context-'));
  const touch = (path) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), '');
  };
  for (const f of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.base.json']) touch(f);
  touch('proto/user.proto');
  for (const ws of workspaces()) {
    touch(`${ws}/package.json`);
    touch(`${ws}/src/index.ts`);
    if (ws.startsWith('libs/') || ws === `services/${service}`) touch(`${ws}/dist/index.js`);
  }
  return dir;
}

/** Run every RUN of every stage in a fresh context; each run event gets status, stderr and calls. */
function runAll(stages, service) {
  const context = makeContext(service);
  try {
    runStubbed(stages.flatMap(runs), context);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return stages;
}

/** The model of one image: the resolved stages with their RUN results, or the error that stops the build. */
export function dockerfileModel(text, service) {
  const parsed = parseDockerfile(text);
  try {
    return {
      service,
      parsed,
      stages: runAll(resolveDockerfile(parsed, { SERVICE: service }), service),
    };
  } catch (err) {
    return { service, parsed, error: err.message, stages: [] };
  }
}

// ---------------------------------------------------------------------------
// Reading the model

const runs = (stage) => stage.events.filter((e) => e.kind === 'run');
const callsOf = (stage, cmd) =>
  runs(stage).flatMap((r) => (r.calls ?? []).filter((c) => c[0] === cmd));
const isNpmCi = (c) => c[0] === 'npm' && c[1] === 'ci';
const stageNamed = (model, name) => model.stages.find((s) => s.name === name);

/** Files a stage made with cp (absolute paths), from the logged calls. */
function madeBy(stage) {
  const made = [];
  for (const run of runs(stage)) {
    for (const [cmd, ...args] of run.calls ?? []) {
      if (cmd !== 'cp') continue;
      const operands = args.filter((a) => !a.startsWith('-'));
      const dest = posix.resolve(run.workdir, operands.pop());
      const parents = args.includes('--parents');
      for (const src of operands) made.push(posix.join(dest, parents ? src : basename(src)));
    }
  }
  return made;
}

/** Where a COPY's sources land in the stage (absolute paths; a copied directory stays one entry). */
function landing(model, copy) {
  const out = [];
  const source = copy.from !== undefined ? stageNamed(model, copy.from) : undefined;
  for (const src of copy.srcs) {
    const intoDir = copy.dest.endsWith('/') || copy.srcs.length > 1;
    if (source) {
      const abs = posix.resolve('/', src);
      const inside = madeBy(source).filter((f) => f.startsWith(`${abs.replace(/\/$/, '')}/`));
      if (inside.length) {
        for (const f of inside) out.push(posix.join(copy.dest, posix.relative(abs, f)));
        continue;
      }
    }
    out.push(intoDir && !src.endsWith('/') ? posix.join(copy.dest, basename(src)) : copy.dest);
  }
  return out.map((p) => p.replace(/\/$/, ''));
}

/** The stage and its base stages, oldest first. */
function chain(model, stage) {
  const out = [];
  for (let s = stage; s; s = s.parent ? stageNamed(model, s.parent) : undefined) out.unshift(s);
  return out;
}

/** Stages a stage needs (its bases and COPY --from sources, transitively), itself included. */
function needs(model, name, seen = new Set()) {
  const stage = stageNamed(model, name);
  if (!stage || seen.has(name)) return seen;
  seen.add(name);
  if (stage.parent) needs(model, stage.parent, seen);
  for (const e of stage.events) if (e.kind === 'copy' && e.from) needs(model, e.from, seen);
  return seen;
}

/** The events of a stage before its first RUN that calls `pred`, or null without one. */
function before(stage, pred) {
  const i = stage.events.findIndex((e) => e.kind === 'run' && (e.calls ?? []).some(pred));
  return i < 0 ? null : stage.events.slice(0, i);
}

/** Stages that install from npm, with what they hold when `npm ci` starts. */
function installers(model) {
  return model.stages
    .map((stage) => ({ stage, earlier: before(stage, isNpmCi) }))
    .filter((x) => x.earlier);
}

// ---------------------------------------------------------------------------
// Checks (each returns a list of problems; empty = fine)

/** A check of one image: `fn(model, report)`; each problem reported is prefixed with the service. */
function imageCheck(fn) {
  return (model) => {
    if (model.error) return [`${model.service}: the build stops: ${model.error}`];
    const problems = [];
    fn(model, (msg) => problems.push(`${model.service}: ${msg}`));
    return problems;
  };
}

/** Every stage on the pinned Node image or an earlier stage; build, dev, prod-deps, runtime; runtime last. */
export const checkStages = imageCheck((model, p) => {
  const pinned = model.parsed.globalArgs.find((a) => a.name === 'NODE_IMAGE');
  if (pinned?.value !== NODE_IMAGE) p(`ARG NODE_IMAGE is ${pinned?.value}, not ${NODE_IMAGE}`);
  for (const s of model.stages) {
    if (!s.parent && s.base !== NODE_IMAGE) p(`stage ${s.name} starts from ${s.base}`);
  }
  const names = model.stages.map((s) => s.name);
  for (const name of ['build', 'dev', 'prod-deps', 'runtime']) {
    if (!names.includes(name)) p(`no stage ${name}`);
  }
  if (names.at(-1) !== 'runtime') p(`the last stage (the default target) is ${names.at(-1)}`);
  if (stageNamed(model, 'dev')?.parent !== 'build') p('dev does not start from build');
  for (const s of model.stages) {
    for (const r of runs(s)) {
      if (r.status !== 0) p(`stage ${s.name}: RUN exits ${r.status}: ${r.stderr.trim()}`);
    }
  }
});

/**
 * npm ci with every workspace's manifest (a future lib's too) and no sources yet; then the
 * service compiled with tsc -b after the install, with all of libs/ there.
 */
export const checkBuild = imageCheck((model, p) => {
  const svc = model.service;
  const manifests = [...MANIFEST_NAMES, ...workspaces().map((ws) => `${ws}/package.json`)];
  const found = installers(model);
  if (!found.some(({ stage }) => stage.name === 'build')) p('build runs no npm ci');
  for (const { stage, earlier } of found) {
    const held = earlier.filter((e) => e.kind === 'copy').flatMap((c) => landing(model, c));
    for (const file of manifests) {
      if (!held.includes(posix.join(stage.image.workdir, file))) {
        p(`${stage.name}: ${file} is not there for npm ci`);
      }
    }
    for (const f of held.filter((f) => !MANIFEST_NAMES.includes(basename(f)))) {
      p(`${stage.name}: ${f} is there before npm ci (every change to it would reinstall)`);
    }
  }
  const build = stageNamed(model, 'build');
  if (!build) return;
  const isTsc = (c) => c[0] === 'npx' && c[1] === 'tsc' && c.includes('-b');
  const tsc = callsOf(build, 'npx').find(isTsc);
  if (!tsc) return p('build runs no tsc -b');
  if (!tsc.includes(`services/${svc}`)) p(`build compiles ${tsc.join(' ')}`);
  const untilTsc = before(build, isTsc);
  if (!untilTsc.some((e) => e.kind === 'run' && e.calls?.some(isNpmCi))) {
    p('build compiles before npm ci');
  }
  const copiedBefore = (events, dir) =>
    events.some(
      (e) =>
        e.kind === 'copy' &&
        e.from === undefined &&
        e.srcs.some((s) => s.replace(/\/$/, '') === dir),
    );
  for (const dir of ['libs', `services/${svc}`, 'proto']) {
    if (!copiedBefore(untilTsc, dir)) p(`build does not copy ${dir}/ before tsc`);
  }
  // Generated sources (the proto types) are build output: made before tsc, from proto/.
  for (const name of generators()) {
    const isGenerate = (c) =>
      c[0] === 'npm' &&
      c.includes('run') &&
      c.includes('generate') &&
      (c.includes('--workspaces') ||
        c.includes(`--workspace=${name}`) ||
        c.some((a, i) => ['-w', '--workspace'].includes(a) && c[i + 1] === name));
    const untilGenerate = before(build, isGenerate);
    if (!untilGenerate || untilGenerate.length > untilTsc.length) {
      p(`build does not run ${name}'s generate script before tsc`);
    } else if (!copiedBefore(untilGenerate, 'proto')) p('build generates before it copies proto/');
  }
});

/** prod-deps: npm ci --omit=dev of this workspace; a toolchain and a native rebuild for user alone. */
export const checkProdDeps = imageCheck((model, p) => {
  const svc = model.service;
  const stage = stageNamed(model, 'prod-deps');
  if (!stage) return p('no stage prod-deps');
  const calls = runs(stage).flatMap((r) => r.calls ?? []);
  const ci = calls.findIndex(
    (c) =>
      isNpmCi(c) &&
      c.includes('--omit=dev') &&
      (c.includes(`--workspace=@fitness/${svc}`) ||
        c.some((a, i) => a === '--workspace' && c[i + 1] === `@fitness/${svc}`)),
  );
  if (ci < 0) p(`prod-deps runs no npm ci --omit=dev --workspace @fitness/${svc}`);
  const installs = calls.filter((c) => c[0] === 'apt-get' && c.includes('install'));
  const rebuilt = calls.filter((c) => c[0] === 'npm' && c[1] === 'rebuild');
  const native = NATIVE_MODULES[svc] ?? [];
  if (native.length) {
    const installed = installs.flat();
    const missing = TOOLCHAIN.filter((pkg) => !installed.includes(pkg));
    if (missing.length) p(`prod-deps installs no ${missing.join(', ')} to compile ${native}`);
    if (installs.length && calls.indexOf(installs[0]) > ci)
      p('prod-deps installs its toolchain after npm ci');
    for (const mod of native) {
      const i = calls.findIndex((c) => c[0] === 'npm' && c[1] === 'rebuild' && c.includes(mod));
      if (i < 0) p(`prod-deps does not npm rebuild ${mod}`);
      else if (i < ci) p(`prod-deps rebuilds ${mod} before npm ci`);
    }
  } else {
    if (installs.length) p(`prod-deps runs apt-get ${installs[0].slice(1).join(' ')}`);
    if (rebuilt.length) p(`prod-deps runs npm ${rebuilt[0].slice(1).join(' ')}`);
  }
});

/** The release image: settings of this service, non-root, node as PID 1, only its code, root-owned. */
export const checkRuntime = imageCheck((model, p) => {
  const svc = model.service;
  const runtime = model.stages.at(-1);
  const { image } = runtime;
  if (!runtime.parent) p(`the release image starts from ${runtime.base}, no stage of the file`);
  if (!NON_ROOT_USERS.includes(image.user)) p(`the release image runs as USER ${image.user}`);
  if (image.env.NODE_ENV !== 'production') p(`NODE_ENV is ${image.env.NODE_ENV}`);
  const expected = IMAGE_SETTINGS[svc];
  for (const name of PORT_VARS) {
    if (image.env[name] !== expected.env[name]) {
      p(`${name} defaults to ${image.env[name]}, not ${expected.env[name]}`);
    }
  }
  const exposed = [...new Set(image.expose)].sort();
  if (exposed.join(' ') !== [...expected.expose].sort().join(' ')) {
    p(`EXPOSE ${exposed.join(' ') || '(none)'}, not ${expected.expose.join(' ')}`);
  }
  const health = image.healthcheck ?? '';
  const port = expected.env[expected.healthPort];
  if (
    !health.includes(`(process.env.${expected.healthPort} || ${port})`) ||
    !/\/healthz/.test(health)
  ) {
    p(`the health check does not ask /healthz on ${expected.healthPort} (${port}): ${health}`);
  }
  if (!commandRuns(image.cmd, image.env, `node services/${svc}/dist/main.js`)) {
    p(`CMD ${JSON.stringify(image.cmd)} does not run node services/${svc}/dist/main.js as PID 1`);
  }
  const copies = chain(model, runtime).flatMap((s) => s.events.filter((e) => e.kind === 'copy'));
  const files = copies.flatMap((c) => landing(model, c));
  const wanted = [
    '/app/node_modules',
    '/app/proto',
    `/app/services/${svc}/package.json`,
    `/app/services/${svc}/dist`,
    ...workspaces()
      .filter((ws) => ws.startsWith('libs/'))
      .flatMap((lib) => [`/app/${lib}/package.json`, `/app/${lib}/dist`]),
  ];
  for (const path of wanted) {
    if (!files.some((f) => f === path || f.startsWith(`${path}/`))) p(`the image has no ${path}`);
  }
  for (const other of SERVICES.filter((s) => s !== svc)) {
    const dir = `/app/services/${other}`;
    if (files.some((f) => f === dir || f.startsWith(`${dir}/`) || dir.startsWith(`${f}/`))) {
      p(`the image holds ${other}'s code`);
    }
  }
  for (const f of files.filter((f) => /\/src(\/|$)/.test(f))) p(`the image holds sources: ${f}`);
  const modules = copies.find((c) => landing(model, c).includes('/app/node_modules'));
  const prodDeps = installers(model).find(({ stage }) =>
    runs(stage).some((r) => r.calls?.some((c) => isNpmCi(c) && c.includes('--omit=dev'))),
  );
  if (modules && modules.from !== prodDeps?.stage.name) {
    p(`node_modules comes from ${modules.from}, not from the npm ci --omit=dev stage`);
  }
  for (const c of copies.filter((c) => c.flags.chown))
    p(`COPY --chown=${c.flags.chown}: files must stay root-owned`);
  for (const s of chain(model, runtime)) {
    if (callsOf(s, 'apt-get').length) p(`the release image's stage ${s.name} runs apt-get`);
  }
});

/** dev (skaffold's sync profile): non-root, tsc --watch and node --watch of this service. */
export const checkDev = imageCheck((model, p) => {
  const svc = model.service;
  const dev = stageNamed(model, 'dev');
  if (!dev) return p('no stage dev');
  if (!NON_ROOT_USERS.includes(dev.image.user)) p(`dev runs as USER ${dev.image.user}`);
  const [sh, flag, script = ''] = dev.image.cmd ?? [];
  const shown = expand(script, dev.image.env);
  if (
    !['sh', '/bin/sh'].includes(sh) ||
    flag !== '-c' ||
    !shown.includes(`tsc -b services/${svc} --watch`) ||
    !shown.includes(`exec node --watch services/${svc}/dist/main.js`)
  ) {
    p(`dev CMD ${JSON.stringify(dev.image.cmd)} does not watch services/${svc}`);
  }
});

/** Does this CMD run `command` with node as PID 1 (exec form, or a shell that execs it)? */
function commandRuns(cmd, env, command) {
  if (!Array.isArray(cmd)) return false;
  if (cmd.join(' ') === command) return true;
  const [sh, flag, script, ...rest] = cmd;
  return (
    ['sh', '/bin/sh'].includes(sh) &&
    flag === '-c' &&
    rest.length === 0 &&
    expand(script, env).trim() === `exec ${command}`
  );
}

/**
 * A missing or unknown SERVICE stops the build with a message that names SERVICE and the
 * services: before any step (a `${SERVICE:?}`), or in a RUN of a stage that every stage
 * installing from npm needs, before that install.
 */
export function checkServiceArg(text) {
  const problems = [];
  const parsed = parseDockerfile(text);
  for (const value of [undefined, '', 'billing', 'Gateway']) {
    const shown = value === undefined ? 'without SERVICE' : `with SERVICE=${JSON.stringify(value)}`;
    let stages;
    try {
      stages = resolveDockerfile(parsed, value === undefined ? {} : { SERVICE: value });
    } catch (err) {
      if (!/\bSERVICE\b/.test(err.message)) problems.push(`${shown}: stops with "${err.message}"`);
      continue;
    }
    const model = { stages: runAll(stages, 'gateway') };
    const stops = model.stages.flatMap((stage) =>
      runs(stage)
        .filter((r) => r.status !== 0)
        .map((r) => ({ stage, index: stage.events.indexOf(r), stderr: r.stderr })),
    );
    const clear = stops.filter(
      ({ stderr }) => /\bSERVICE\b/.test(stderr) && SERVICES.every((s) => stderr.includes(s)),
    );
    const early = clear.filter(({ stage, index }) =>
      installers(model).every(
        (x) =>
          (x.stage === stage && index < x.earlier.length) ||
          (x.stage !== stage && needs(model, x.stage.name).has(stage.name)),
      ),
    );
    if (!stops.length) problems.push(`${shown}: nothing stops the build`);
    else if (!clear.length) {
      problems.push(
        `${shown}: stops without naming SERVICE and ${SERVICES.join(', ')}: ${stops[0].stderr.trim()}`,
      );
    } else if (!early.length) problems.push(`${shown}: stops only after an npm install`);
  }
  return problems;
}

/** The checks of the image of one service, each on its model (dockerfileModel). */
const IMAGE_CHECKS = [checkStages, checkBuild, checkProdDeps, checkRuntime, checkDev];

/** Everything the Dockerfile must satisfy for one service. */
export function checkDockerfile(text, service) {
  const model = dockerfileModel(text, service);
  return IMAGE_CHECKS.flatMap((check) => check(model));
}
