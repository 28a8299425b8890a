import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePs, progress } from '../src/health.ts';

// What `docker compose ps --all --format json` prints: Compose >= 2.21 one object per line,
// older Compose v2 one array. Trimmed to the fields the runner reads, values as Compose prints them.
const NDJSON = [
  '{"Command":"\\"/docker-entrypoint.…\\"","ExitCode":0,"Health":"healthy","Name":"loki-grafana-1","Project":"loki","Service":"grafana","State":"running","Status":"Up 2 minutes (healthy)"}',
  '{"ExitCode":0,"Health":"starting","Name":"loki-loki-read-1","Project":"loki","Service":"loki-read","State":"running","Status":"Up 5 seconds (health: starting)"}',
  '{"ExitCode":0,"Health":"","Name":"loki-minio-init-1","Project":"loki","Service":"minio-init","State":"exited","Status":"Exited (0) 1 minute ago"}',
].join('\n');

const ARRAY = JSON.stringify([
  { ExitCode: 0, Health: 'healthy', Name: 'loki-grafana-1', Service: 'grafana', State: 'running' },
  { ExitCode: 1, Health: '', Name: 'loki-loki-write-1', Service: 'loki-write', State: 'exited' },
]);

const services = [
  { name: 'grafana', hasHealthcheck: true },
  { name: 'loki-read', hasHealthcheck: true },
  { name: 'minio-init', hasHealthcheck: false },
];

test('parses both output shapes of compose ps', () => {
  assert.deepEqual(
    parsePs(NDJSON).map((c) => [c.service, c.state, c.health]),
    [
      ['grafana', 'running', 'healthy'],
      ['loki-read', 'running', 'starting'],
      ['minio-init', 'exited', ''],
    ],
  );
  assert.deepEqual(
    parsePs(ARRAY).map((c) => [c.service, c.exitCode]),
    [
      ['grafana', 0],
      ['loki-write', 1],
    ],
  );
  assert.deepEqual(parsePs(''), []);
});

test('waits while a service is starting; a one-shot job that exited 0 is done', () => {
  const p = progress(services, parsePs(NDJSON));
  assert.equal(p.allReady, false);
  assert.deepEqual(
    p.statuses.map((s) => [s.service, s.phase]),
    [
      ['grafana', 'ready'],
      ['loki-read', 'waiting'],
      ['minio-init', 'done'],
    ],
  );
});

test('ready when every service is healthy or completed', () => {
  const p = progress(services, parsePs(NDJSON.replace('"Health":"starting"', '"Health":"healthy"')));
  assert.equal(p.allReady, true);
  assert.deepEqual(p.failed, []);
});

test('a container that exited non-zero fails at once, naming the service and code', () => {
  const p = progress(
    [
      { name: 'grafana', hasHealthcheck: true },
      { name: 'loki-write', hasHealthcheck: true },
    ],
    parsePs(ARRAY),
  );
  assert.equal(p.allReady, false);
  assert.deepEqual(
    p.failed.map((s) => [s.service, s.detail]),
    [['loki-write', 'exited (1)']],
  );
});

test('unhealthy and not-yet-created services keep the lab waiting; a scaled service needs every replica', () => {
  const rows = [
    { Service: 'loki-read', Name: 'r1', State: 'running', Health: 'healthy', ExitCode: 0 },
    { Service: 'loki-read', Name: 'r2', State: 'running', Health: 'unhealthy', ExitCode: 0 },
  ];
  const p = progress(
    [
      { name: 'loki-read', hasHealthcheck: true },
      { name: 'grafana', hasHealthcheck: true },
    ],
    parsePs(JSON.stringify(rows)),
  );
  assert.deepEqual(
    p.statuses.map((s) => [s.phase, s.detail]),
    [
      ['waiting', 'unhealthy (2 replicas)'],
      ['waiting', 'not created'],
    ],
  );
  assert.equal(p.failed.length, 0);
});
