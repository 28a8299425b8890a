// lab.yaml agrees with compose.yaml, and its checks are ones the runner can run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypes, composeConfig, hostUrl, logqlErrors, prepareChecks } from '@obslab/runner';
import { requestIdQuery } from '../checks/index.ts';
import { composeServices, lab, labDir } from './helpers.ts';

test('every compose service is described in both languages, and nothing else is', () => {
  assert.deepEqual(Object.keys(lab.manifest.services).sort(), Object.keys(composeServices()).sort());
});

test("every URL resolves to a host port compose.yaml publishes (the chapter's ports)", () => {
  const urls = Object.fromEntries(lab.manifest.urls.map((u) => [u.name, hostUrl(lab, u)]));
  assert.deepEqual(urls, {
    'FastAPI app': 'http://localhost:8000/',
    Nginx: 'http://localhost:8080/',
    Grafana: 'http://localhost:3000/',
    Prometheus: 'http://localhost:9090/targets',
    // The first port of loki-read's range; Docker may give the replica any port of it.
    'loki-read metrics': 'http://localhost:3110/metrics',
    'loki-write metrics': 'http://localhost:3102/metrics',
    'loki-backend metrics': 'http://localhost:3103/metrics',
    'Loki gateway': 'http://localhost:3100/',
    'MinIO console': 'http://localhost:9001/',
  });
});

test('each collector choice starts exactly that collector, as Compose merges its files; the default is plain compose.yaml', () => {
  const option = lab.manifest.options.find((o) => o.name === 'collector')!;
  assert.deepEqual(option.choices[option.default]!.files, [], 'plain `docker compose up` runs the default');
  for (const [choice, variant] of Object.entries(option.choices)) {
    const services = Object.keys(composeConfig(labDir, [lab.manifest.compose, ...variant.files], variant.profiles).services);
    assert.deepEqual(
      services.filter((s) => Object.keys(option.choices).includes(s)),
      [choice],
      `--collector ${choice}`,
    );
  }
});

test('traffic runs the k6 service, which sits behind its profile', () => {
  assert.equal(lab.manifest.traffic?.service, 'k6');
  assert.deepEqual(composeServices().k6?.profiles, lab.manifest.traffic?.profiles);
});

test('every check has an implementation whose parameters validate, and LogQL in checks parses', async () => {
  const prepared = prepareChecks(lab, await checkTypes(lab));
  assert.equal(prepared.length, lab.manifest.checks.length);
  const ids = lab.manifest.checks.map((c) => c.id);
  for (const id of [
    'gateway-ready',
    'log-roundtrip',
    'read-path',
    'prometheus-targets',
    'chunks-in-minio',
    'grafana-datasources',
    'read-scaled',
    'write-restart',
    'down-up-keeps-logs',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  assert.deepEqual(
    lab.manifest.checks.filter((c) => c.optIn).map((c) => c.id),
    ['read-scaled', 'write-restart', 'down-up-keeps-logs'],
  );
  for (const c of lab.manifest.checks) {
    const q = c.with.query;
    if (typeof q === 'string') assert.deepEqual(logqlErrors(q), [], q);
  }
});

test('the LogQL the exercises build in code parses', () => {
  assert.deepEqual(logqlErrors(requestIdQuery('restart-1a2b3c4d')), []);
});
