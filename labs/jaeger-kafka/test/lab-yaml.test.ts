import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypes, hostUrl, prepareChecks } from '@obslab/runner';
import { parseEndOffsets, parseGroupLag } from '../checks/kafka.ts';
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

test('every check has an implementation and valid parameters; the outage exercise is opt-in', async () => {
  assert.equal(prepareChecks(lab, await checkTypes(lab)).length, lab.manifest.checks.length);
  assert.deepEqual(
    lab.manifest.checks.filter((c) => c.optIn).map((c) => c.id),
    ['ingester-outage'],
  );
  // The services the checks expect are ones the xk6 script generates.
  const script = read('xk6/traces.js');
  const expected = lab.manifest.checks.find((c) => c.id === 'jaeger-services')!.with.services as string[];
  for (const s of expected) assert.match(script, new RegExp(`service: '${s}'`), s);
});

test('Kafka tool output is parsed the way the checks need it', () => {
  assert.equal(parseEndOffsets('jaeger-spans:0:120\njaeger-spans:1:80\njaeger-spans:2:0\n', 'jaeger-spans'), 200);
  assert.equal(parseEndOffsets('Error: topic not found', 'jaeger-spans'), undefined);
  const describe = `
Consumer group 'jaeger-ingester' has no active members.

GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
jaeger-ingester jaeger-spans    0          100             130             30              -               -               -
jaeger-ingester jaeger-spans    1          90              95              5               -               -               -
jaeger-ingester jaeger-spans    2          -               12              -               -               -               -`;
  assert.deepEqual(parseGroupLag(describe, 'jaeger-ingester', 'jaeger-spans'), { partitions: 3, lag: 35, uncommitted: 1 });
});
