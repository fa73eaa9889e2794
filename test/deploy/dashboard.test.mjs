// The Grafana dashboard of the chart (grafanaDashboard.enabled): rendered only when asked for, as a
// ConfigMap the Grafana sidecar picks up, holding valid dashboard JSON whose every query uses a
// metric the services actually export (their prom-client registrations, plus prom-client's
// default process metrics), so a renamed metric cannot leave an empty panel behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, byKind, helmTemplate } from './lib.mjs';

const DASHBOARD = 'fitness-tracker.json';

/** Source files of the services and libraries (no tests, no build output), bounded in depth. */
function sources(dir, depth = 0) {
  if (depth > 8) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory())
      return ['node_modules', 'dist', 'generated'].includes(e.name) ? [] : sources(path, depth + 1);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every series name the services export: their own metrics and prom-client's defaults. */
async function exportedMetricNames() {
  const names = new Set();
  const files = ['services', 'libs'].flatMap((d) =>
    readdirSync(join(ROOT, d)).map((w) => join(ROOT, d, w, 'src')),
  );
  const registration = /new (Counter|Gauge|Histogram|Summary)\(\{\s*name: '([a-zA-Z_:][\w:]*)'/g;
  for (const file of files.flatMap((d) => sources(d))) {
    for (const [, kind, name] of readFileSync(file, 'utf8').matchAll(registration)) {
      names.add(name);
      if (kind === 'Histogram' || kind === 'Summary') {
        names.add(`${name}_count`).add(`${name}_sum`);
        if (kind === 'Histogram') names.add(`${name}_bucket`);
      }
    }
  }
  assert.ok(names.size >= 15, `only ${names.size} metric registrations found`);
  // The process metrics every service starts (startDefaultMetrics → collectDefaultMetrics).
  const require = createRequire(join(ROOT, 'libs/common/package.json'));
  const { Registry, collectDefaultMetrics } = require('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const m of await registry.getMetricsAsJSON()) {
    names.add(m.name);
    for (const v of m.values ?? []) if (v.metricName) names.add(v.metricName);
    if (m.type === 'histogram')
      for (const s of ['_bucket', '_count', '_sum']) names.add(m.name + s);
  }
  return names;
}

/** The metric names a PromQL expression reads (identifiers not followed by `(`, bar keywords). */
export function metricsOf(expr) {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const withoutLabels = withoutStrings.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  const withoutGroupings = withoutLabels.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'bool', 'and', 'or', 'unless']);
  return [...withoutGroupings.matchAll(/([a-zA-Z_:][\w:]*)\s*(\()?/g)]
    .filter(([, name, call]) => !call && !keywords.has(name) && !/^\d/.test(name))
    .map(([, name]) => name);
}

function dashboardConfigMaps(objects) {
  return byKind(objects, 'ConfigMap').filter(
    (c) => c.metadata?.labels?.grafana_dashboard !== undefined,
  );
}

describe('Grafana dashboard', () => {
  it('is not rendered by default', () => {
    assert.deepEqual(dashboardConfigMaps(helmTemplate()), []);
  });

  it('is rendered when enabled: a sidecar-labelled ConfigMap with valid dashboard JSON', () => {
    const objects = helmTemplate({
      set: ['grafanaDashboard.enabled=true', 'grafanaDashboard.folder=Fitness'],
    });
    const [cm, ...more] = dashboardConfigMaps(objects);
    assert.ok(cm, 'no ConfigMap labelled grafana_dashboard');
    assert.equal(more.length, 0);
    assert.equal(cm.metadata.labels.grafana_dashboard, '1');
    assert.equal(cm.metadata.annotations?.grafana_folder, 'Fitness');
    const dashboard = JSON.parse(cm.data[DASHBOARD]);
    assert.equal(dashboard.uid, 'fitness-tracker');
    assert.deepEqual(
      JSON.parse(readFileSync(join(ROOT, 'charts/fitness-tracker/dashboards', DASHBOARD), 'utf8')),
      dashboard,
      'the ConfigMap holds the chart file unchanged',
    );
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const topic of [/Gateway/, /gRPC/, /[Bb]reaker/, /[Ss]ocket/, /[Oo]utbox/]) {
      assert.match(titles, topic, `no panel about ${topic}`);
    }
  });

  it('queries only metrics the services export', async () => {
    const exported = await exportedMetricNames();
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, 'charts/fitness-tracker/dashboards', DASHBOARD), 'utf8'),
    );
    const queries = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    assert.ok(queries.length >= 15, `only ${queries.length} queries`);
    const unknown = [];
    for (const expr of queries) {
      const used = metricsOf(expr);
      assert.ok(used.length > 0, `no metric in ${expr}`);
      unknown.push(...used.filter((m) => !exported.has(m)).map((m) => `${m} in ${expr}`));
    }
    assert.deepEqual(unknown, []);
  });

  it('reads metric names out of PromQL, and would notice a made-up one', () => {
    assert.deepEqual(
      metricsOf(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="gateway", route=~"a(b)"}[5m])))',
      ),
      ['http_request_duration_seconds_bucket'],
    );
    assert.deepEqual(metricsOf('max by (service) (circuit_breaker_state) or up'), [
      'circuit_breaker_state',
      'up',
    ]);
  });
});
