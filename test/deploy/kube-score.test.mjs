// kube-score (pinned, built by `make tools-kube-score`) over the chart's renders
// (default values and values-external.yaml) and both kustomize overlays: no CRITICAL
// finding beyond those of kube-score-accepted.yaml, each of which must still occur and
// be explained in the chart's README. Warnings are reported, not failed.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  CHART_DIR,
  EXTERNAL_VALUES,
  KUBE_VERSION,
  ROOT,
  TOOLS_BIN,
  helmTemplate,
  kustomize,
  run,
} from './lib.mjs';

const KUBE_SCORE = process.env.KUBE_SCORE ?? join(TOOLS_BIN, 'kube-score');
const KUBERNETES = `v${KUBE_VERSION.split('.').slice(0, 2).join('.')}`;
const ACCEPTED = YAML.parse(
  readFileSync(join(ROOT, 'test/deploy/kube-score-accepted.yaml'), 'utf8'),
);
const RENDERS = {
  chart: () => helmTemplate(),
  'chart-external': () => helmTemplate({ valuesFiles: [EXTERNAL_VALUES] }),
  kind: () => kustomize('k8s/overlays/kind'),
  minikube: () => kustomize('k8s/overlays/minikube'),
};

const scratch = mkdtempSync(join(tmpdir(), 'fitness-kube-score-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** kube-score's findings of grade `grade` (1 CRITICAL, 5 WARNING): { object, check, comments }. */
function kubeScore(name, objects, grade = 1) {
  if (!existsSync(KUBE_SCORE)) {
    throw new Error(`kube-score not found at ${KUBE_SCORE}: run \`make tools-kube-score\``);
  }
  const file = join(scratch, `${name}.yaml`);
  // JSON documents: a YAML 1.2 writer leaves `yes` plain, which kube-score's YAML 1.1 reads as true.
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  const args = ['score', '--kubernetes-version', KUBERNETES, '--output-format', 'json', file];
  const res = run(KUBE_SCORE, args, { allowFailure: true });
  assert.ok(
    [0, 1].includes(res.status) && res.stdout,
    `kube-score exited ${res.status}: ${res.stderr}`,
  );
  return JSON.parse(res.stdout).flatMap((o) =>
    o.checks
      .filter((c) => c.grade === grade && !c.skipped)
      .map((c) => ({
        object: `${o.type_meta.kind}/${o.object_meta.name}`,
        check: c.check.id,
        comments: (c.comments ?? []).map((x) => `${x.path ? `(${x.path}) ` : ''}${x.summary}`),
      })),
  );
}

const acceptedBy = (render, finding) =>
  ACCEPTED.find(
    (a) =>
      a.check === finding.check &&
      (!a.renders || a.renders.includes(render)) &&
      new RegExp(a.objects).test(finding.object),
  );
const show = (findings) =>
  findings.map((f) => `${f.object} ${f.check}: ${f.comments.join('; ')}`).join('\n');

describe('kube-score', () => {
  const findings = {};
  before(() => {
    for (const [name, render] of Object.entries(RENDERS))
      findings[name] = kubeScore(name, render());
  });

  it('is the pinned version', { skip: !process.env.KUBE_SCORE_VERSION }, () => {
    const out = run(KUBE_SCORE, ['version']).stdout;
    assert.match(
      out,
      new RegExp(`version: ${process.env.KUBE_SCORE_VERSION},`),
      `stale ${KUBE_SCORE}: delete it and run make tools-kube-score`,
    );
  });

  for (const name of Object.keys(RENDERS)) {
    it(`${name}: no CRITICAL beyond the accepted ones`, (t) => {
      const open = findings[name].filter((f) => !acceptedBy(name, f));
      const warnings = kubeScore(`${name}-warnings`, RENDERS[name](), 5);
      t.diagnostic(
        `${name}: ${findings[name].length} accepted CRITICAL, ${warnings.length} WARNING` +
          (warnings.length ? ` (${[...new Set(warnings.map((w) => w.check))].join(', ')})` : ''),
      );
      assert.deepEqual(open, [], `CRITICAL findings not accepted:\n${show(open)}`);
    });
  }

  it('every accepted CRITICAL still occurs (no stale acceptance)', () => {
    const unused = ACCEPTED.filter(
      (a) =>
        !Object.entries(findings).some(([render, list]) =>
          list.some((f) => acceptedBy(render, f) === a),
        ),
    );
    assert.deepEqual(
      unused.map((a) => a.check),
      [],
    );
  });

  it('the chart README gives every accepted check with its reason, word for word', () => {
    const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    for (const a of ACCEPTED) {
      assert.ok(a.reason?.length > 40, `${a.check}: a reason`);
      assert.ok(readme.includes(`\`${a.check}\``), `${a.check} in README.md`);
      assert.ok(readme.includes(a.reason.replace(/\s+/g, ' ')), `${a.check}'s reason in README.md`);
    }
  });

  it('fails on a CRITICAL that is not accepted (the chart without NetworkPolicies)', () => {
    const objects = helmTemplate({ set: ['networkPolicy.enabled=false'] });
    const open = kubeScore('no-policies', objects).filter((f) => !acceptedBy('chart', f));
    assert.ok(
      open.some((f) => f.check === 'pod-networkpolicy'),
      `expected pod-networkpolicy in:\n${show(open)}`,
    );
  });
});
