// lab.yaml agrees with the compose files, and its checks are ones the runner can run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypes, composeConfig, hostUrl, logqlErrors, prepareChecks, select, variantOf } from '@obslab/runner';
import { requestIdQuery } from '../checks/helpers.ts';
import { allServices, lab, labDir, variants } from './helpers.ts';

const ssd = variantOf(lab, select(lab, { mode: 'ssd' }));
const distributed = variantOf(lab, select(lab, { mode: 'distributed' }));

test('every compose service of either mode is described in both languages, and nothing else is', () => {
  assert.deepEqual(Object.keys(lab.manifest.services).sort(), Object.keys(allServices()).sort());
});

test("every URL resolves to a host port its mode's compose file publishes (the chapter's ports)", () => {
  const urls = (l: typeof lab) => Object.fromEntries(l.manifest.urls.map((u) => [u.name, hostUrl(l, u)]));
  const shared = {
    'FastAPI app': 'http://localhost:8000/',
    Nginx: 'http://localhost:8080/',
    Grafana: 'http://localhost:3000/',
    Prometheus: 'http://localhost:9090/targets',
    'Loki gateway': 'http://localhost:3100/',
    'MinIO console': 'http://localhost:9001/',
  };
  assert.deepEqual(urls(ssd), {
    ...shared,
    // The first port of loki-read's range; Docker may give the replica any port of it.
    'loki-read metrics': 'http://localhost:3110/metrics',
    'loki-write metrics': 'http://localhost:3102/metrics',
    'loki-backend metrics': 'http://localhost:3103/metrics',
  });
  assert.deepEqual(urls(distributed), {
    ...shared,
    'Ingester ring': 'http://localhost:3120/ring',
    'loki-distributor metrics': 'http://localhost:3120/metrics',
    'loki-ingester-1 metrics': 'http://localhost:3121/metrics',
    'loki-query-scheduler metrics': 'http://localhost:3125/metrics',
    'loki-querier metrics': 'http://localhost:3130/metrics',
  });
});

test('the collector option adds files; the mode option swaps the base compose file; the defaults are plain compose.yaml', () => {
  const collector = lab.manifest.options.find((o) => o.name === 'collector')!;
  assert.equal(collector.default, 'promtail');
  assert.deepEqual(collector.choices.promtail!.files, []);
  assert.deepEqual(collector.choices.alloy!.files, ['compose.alloy.yaml']);
  const mode = lab.manifest.options.find((o) => o.name === 'mode')!;
  assert.equal(mode.default, 'ssd');
  assert.equal(mode.choices.ssd!.compose, undefined);
  assert.deepEqual(mode.choices.distributed!, {
    ...mode.choices.distributed!,
    compose: 'compose.distributed.yaml',
    files: [],
    profiles: [],
  });
  assert.deepEqual(
    variants.map((v) => [v.name, v.files]),
    [
      ['ssd+promtail', ['compose.yaml']],
      ['ssd+alloy', ['compose.yaml', 'compose.alloy.yaml']],
      ['distributed+promtail', ['compose.distributed.yaml']],
      ['distributed+alloy', ['compose.distributed.yaml', 'compose.alloy.yaml']],
    ],
  );
});

test('each collector choice starts exactly that collector in either mode, as Compose merges its files; the default is plain', () => {
  const option = lab.manifest.options.find((o) => o.name === 'collector')!;
  assert.deepEqual(option.choices[option.default]!.files, [], 'plain `docker compose up` runs the default');
  for (const base of ['compose.yaml', 'compose.distributed.yaml']) {
    for (const [choice, variant] of Object.entries(option.choices)) {
      const services = Object.keys(composeConfig(labDir, [base, ...variant.files], variant.profiles).services);
      assert.deepEqual(
        services.filter((s) => Object.keys(option.choices).includes(s)),
        [choice],
        `${base} --collector ${choice}`,
      );
    }
  }
});

test('traffic runs the k6 service, which sits behind its profile in both modes', () => {
  assert.equal(lab.manifest.traffic?.service, 'k6');
  for (const v of variants) assert.deepEqual(v.lab.compose.services.k6?.profiles, lab.manifest.traffic?.profiles, v.name);
});

test("each mode's checks name only services of its own compose file", async () => {
  for (const v of variants) {
    const services = new Set(Object.keys(v.lab.compose.services));
    for (const c of v.lab.manifest.checks) {
      const named = Object.entries(c.with)
        .filter(([key]) => ['service', 'scheduler', 'indexGateway', 'ingester', 'ring', 'distributor', 'ingesters'].includes(key))
        .flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
      for (const s of named) assert.ok(services.has(String(s)), `${v.name}: ${c.id} names ${String(s)}`);
    }
    assert.equal(prepareChecks(v.lab, await checkTypes(v.lab)).length, v.lab.manifest.checks.length);
  }
});

test('every check has an implementation whose parameters validate, and LogQL in checks parses', async () => {
  const prepared = prepareChecks(lab, await checkTypes(lab));
  assert.equal(prepared.length, lab.manifest.checks.length);
  const ids = (l: typeof lab, optIn: boolean) => l.manifest.checks.filter((c) => c.optIn === optIn).map((c) => c.id);
  assert.deepEqual(ids(ssd, false), [
    'gateway-ready',
    'read-ready',
    'write-ready',
    'log-roundtrip',
    'read-path',
    'prometheus-targets',
    'chunks-in-minio',
    'grafana-datasources',
  ]);
  assert.deepEqual(ids(ssd, true), ['read-scaled', 'write-restart', 'down-up-keeps-logs', 'write-amplification']);
  assert.deepEqual(ids(distributed, false), [
    'gateway-ready',
    'ring-active',
    'log-roundtrip',
    'read-path',
    'prometheus-targets',
    'chunks-in-minio',
    'grafana-datasources',
  ]);
  assert.deepEqual(ids(distributed, true), ['down-up-keeps-logs', 'replica-lost', 'queriers-scaled', 'write-amplification']);
  for (const c of lab.manifest.checks) {
    const q = c.with.query;
    if (typeof q === 'string') assert.deepEqual(logqlErrors(q), [], q);
  }
});

test('the write-amplification exercise sends the same traffic in both modes, so their numbers compare', () => {
  const params = (l: typeof lab) => l.manifest.checks.find((c) => c.id === 'write-amplification')!.with;
  assert.equal(params(ssd).requests, params(distributed).requests);
  assert.equal(params(ssd).ratePerSecond, params(distributed).ratePerSecond);
});

test('the LogQL the exercises build in code parses', () => {
  assert.deepEqual(logqlErrors(requestIdQuery('restart-1a2b3c4d')), []);
});
