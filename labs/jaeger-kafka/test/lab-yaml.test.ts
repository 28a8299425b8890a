import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypes, hostUrl, prepareChecks } from '@obslab/runner';
import { lab, read, variants } from './helpers.ts';

test('every service of both variants is described in both languages, and nothing else is', () => {
  const all = new Set([...Object.keys(variants.kraft!.services), ...Object.keys(variants.zookeeper!.services)]);
  assert.deepEqual(Object.keys(lab.manifest.services).sort(), [...all].sort());
});

test('URLs resolve to the published host ports', () => {
  assert.deepEqual(
    lab.manifest.urls.map((u) => hostUrl(lab, u)),
    ['http://localhost:16686/', 'http://localhost:8080/topics/jaeger-spans', 'http://localhost:4318/v1/traces', 'http://localhost:4317/'],
  );
});

test('the kafka option offers KRaft (default) and ZooKeeper through compose.zookeeper.yaml', () => {
  const kafka = lab.manifest.options.find((o) => o.name === 'kafka')!;
  assert.equal(kafka.default, 'kraft');
  assert.deepEqual(kafka.choices.zookeeper!.files, ['compose.zookeeper.yaml']);
});

test('every check has an implementation and valid parameters; the outage exercises are opt-in', async () => {
  assert.equal(prepareChecks(lab, await checkTypes(lab)).length, lab.manifest.checks.length);
  const exercises = lab.manifest.checks.filter((c) => c.optIn);
  assert.deepEqual(
    exercises.map((c) => [c.id, c.with.stop]),
    [
      ['ingester-outage', 'jaeger-ingester'],
      ['storage-outage', 'jaeger-remote-storage'],
    ],
  );
  // Each stops a service of both variants, watches the ingester's group, and has time to drain.
  for (const c of exercises) {
    for (const compose of Object.values(variants)) assert.ok(compose.services[String(c.with.stop)], `${c.id}: ${c.with.stop}`);
    assert.equal(c.with.group, 'jaeger-ingester');
    assert.ok(c.timeout >= 3 * Number(c.with.outageSeconds), `${c.id}: timeout ${c.timeout}s`);
  }
  // The services the checks expect are ones the xk6 script generates.
  const script = read('xk6/traces.js');
  const expected = lab.manifest.checks.find((c) => c.id === 'jaeger-services')!.with.services as string[];
  for (const s of expected) assert.match(script, new RegExp(`service: '${s}'`), s);
});
