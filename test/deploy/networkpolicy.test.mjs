// NetworkPolicies (chart and kustomize), evaluated offline with Kubernetes'
// semantics (lib.mjs networkModel): each flow the system needs is allowed, the
// ones it does not need are denied. checkNetworkPolicies (part of every render's
// checks) walks the whole matrix; these cases name the flows one by one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLOWED_FLOWS,
  EXTERNAL_STORES,
  EXTERNAL_VALUES,
  byKind,
  checkNetworkPolicies,
  helmTemplate,
  kustomize,
  networkModel,
} from './lib.mjs';

/** Flows no component needs: each must be denied. */
const DENIED = [
  ['gateway', 'postgresql', 'postgresql'],
  ['gateway', 'mongodb', 'mongodb'],
  ['user', 'mongodb', 'mongodb'],
  ['user', 'activity', 'grpc'],
  ['activity', 'postgresql', 'postgresql'],
  ['user-migrate', 'redis', 'redis'],
  ['user-migrate', 'user', 'grpc'],
  ['smoke-test', 'user', 'grpc'],
  ['smoke-test', 'postgresql', 'postgresql'],
  ['gateway', 'user', 'metrics'],
  ['prometheus', 'postgresql', 'postgresql'],
  ['prometheus', 'user', 'grpc'],
  ['stranger', 'gateway', 'http'],
  ['stranger', 'user', 'grpc'],
  ['stranger', 'redis', 'redis'],
  ['outsider', 'activity', 'grpc'],
  ['ingress-controller', 'user', 'grpc'],
  ['postgresql', 'internet', 'p443'],
  ['gateway', 'internet', 'p443'],
  ['user', 'internet', 'p5432'],
];

describe('NetworkPolicies of the chart (default values)', () => {
  const objects = helmTemplate();
  const { flow } = networkModel(objects);

  for (const [from, to, port] of ALLOWED_FLOWS) {
    it(`allows ${from} -> ${to} (${port})`, () => assert.equal(flow(from, to, port), true));
  }
  it('allows every pod of the release to reach the cluster DNS on UDP and TCP 53', () => {
    for (const c of ['gateway', 'user', 'activity', 'user-migrate', 'smoke-test', 'redis']) {
      assert.equal(flow(c, 'kube-dns', 'dns'), true, `${c} UDP`);
      assert.equal(flow(c, 'kube-dns', 'dns-tcp'), true, `${c} TCP`);
    }
  });
  it('denies what no component needs (gateway -> PostgreSQL, user -> MongoDB, ...)', () => {
    const wrong = DENIED.filter(([from, to, port]) => flow(from, to, port));
    assert.deepEqual(wrong, []);
  });
  it('keeps the gateway closed to the ingress controller without an Ingress', () => {
    assert.equal(flow('ingress-controller', 'gateway', 'http'), false);
  });
  it('starts with a default deny of both directions for every pod of the release', () => {
    const deny = byKind(objects, 'NetworkPolicy').find((p) =>
      p.metadata.name.endsWith('-default-deny'),
    );
    assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
    assert.equal(deny.spec.ingress, undefined);
    assert.equal(deny.spec.egress, undefined);
    assert.deepEqual(deny.spec.podSelector.matchLabels, {
      'app.kubernetes.io/name': 'fitness-tracker',
      'app.kubernetes.io/instance': 'fitness',
    });
  });
});

describe('NetworkPolicies of the chart (other values)', () => {
  it('ingress on: the ingress controller (namespace from values) reaches the gateway', () => {
    const { flow } = networkModel(helmTemplate({ set: ['ingress.enabled=true'] }));
    assert.equal(flow('ingress-controller', 'gateway', 'http'), true);
    assert.equal(flow('stranger', 'gateway', 'http'), false);
    const other = networkModel(
      helmTemplate({
        set: [
          'ingress.enabled=true',
          'networkPolicy.ingressController.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=traefik',
        ],
      }),
    );
    assert.equal(other.flow('ingress-controller', 'gateway', 'http'), false, 'ingress-nginx');
  });

  it('Prometheus: its namespace comes from values', () => {
    const set = [
      'networkPolicy.prometheus.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=observability',
    ];
    assert.equal(networkModel(helmTemplate({ set })).flow('prometheus', 'user', 'metrics'), false);
  });

  it('a NodePort gateway is open to anyone on its port, and on no other', () => {
    const { flow } = networkModel(helmTemplate({ set: ['gateway.service.type=NodePort'] }));
    assert.equal(flow('outsider', 'gateway', 'http'), true);
    assert.equal(flow('outsider', 'user', 'grpc'), false);
  });

  it('external stores: reached by CIDR and port, by the components that use them only', () => {
    const objects = helmTemplate({ valuesFiles: [EXTERNAL_VALUES] });
    assert.deepEqual(checkNetworkPolicies(objects, { externalStores: EXTERNAL_STORES }), []);
    const { flow } = networkModel(objects, { externalStores: EXTERNAL_STORES });
    assert.equal(flow('user', 'postgresql', 'postgresql'), true);
    assert.equal(flow('user-migrate', 'postgresql', 'postgresql'), true);
    assert.equal(flow('gateway', 'redis', 'redis'), true);
    assert.equal(flow('activity', 'mongodb', 'mongodb'), true);
    assert.equal(flow('gateway', 'postgresql', 'postgresql'), false);
    assert.equal(flow('user', 'mongodb', 'mongodb'), false);
    const outsideCidr = networkModel(objects, {
      externalStores: { postgresql: { ip: '10.20.1.5', port: 5432 } },
    });
    assert.equal(outsideCidr.flow('user', 'postgresql', 'postgresql'), false, 'outside the CIDR');
  });

  it('refuses external stores without their CIDRs, naming the value to set', () => {
    const res = helmTemplate({
      set: ['mongodb.enabled=false', 'external.mongoUrl=mongodb://m.example.internal/fitness'],
      allowFailure: true,
    });
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /set networkPolicy\.external\.mongodb\.cidrs/);
  });

  it('networkPolicy.enabled=false renders none', () => {
    const objects = helmTemplate({ set: ['networkPolicy.enabled=false'] });
    assert.equal(byKind(objects, 'NetworkPolicy').length, 0);
    assert.deepEqual(checkNetworkPolicies(objects), ['no NetworkPolicy in the render']);
  });
});

describe('NetworkPolicies of the kustomize overlays', () => {
  it('kind: the same flows, and ingress-nginx -> gateway', () => {
    const objects = kustomize('k8s/overlays/kind');
    assert.deepEqual(checkNetworkPolicies(objects), []);
    const { flow } = networkModel(objects);
    assert.equal(flow('ingress-controller', 'gateway', 'http'), true);
    assert.equal(flow('gateway', 'postgresql', 'postgresql'), false);
    assert.equal(flow('user', 'mongodb', 'mongodb'), false);
  });

  it('minikube: the same flows, and anyone -> gateway (NodePort)', () => {
    const objects = kustomize('k8s/overlays/minikube');
    assert.deepEqual(checkNetworkPolicies(objects), []);
    assert.equal(networkModel(objects).flow('outsider', 'gateway', 'http'), true);
  });
});
