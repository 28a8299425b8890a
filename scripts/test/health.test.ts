import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Container, livePorts, parseInspect, parsePs } from '../src/containers.ts';
import { CRASH_RESTARTS, HealthWatch, progress } from '../src/health.ts';

// What `docker compose ps --all --format json` prints: Compose >= 2.21 one object per line,
// older Compose v2 one array. Trimmed to the fields the runner reads, values as Compose 2.26 printed them.
const NDJSON = [
  '{"ExitCode":0,"Health":"healthy","ID":"2314ac8b41d7","Labels":"com.docker.compose.container-number=1,com.docker.compose.project=loki,com.docker.compose.service=grafana","Name":"loki-grafana-1","Project":"loki","Publishers":[{"URL":"127.0.0.1","TargetPort":3000,"PublishedPort":3000,"Protocol":"tcp"}],"Service":"grafana","State":"running","Status":"Up 2 minutes (healthy)"}',
  '{"ExitCode":0,"Health":"starting","ID":"d524531b6553","Labels":"com.docker.compose.service=loki-read,com.docker.compose.container-number=2","Name":"loki-loki-read-2","Project":"loki","Publishers":[{"URL":"127.0.0.1","TargetPort":3100,"PublishedPort":3104,"Protocol":"tcp"}],"Service":"loki-read","State":"running","Status":"Up 5 seconds (health: starting)"}',
  '{"ExitCode":0,"Health":"healthy","ID":"a1b2c3d4e5f6","Labels":"com.docker.compose.container-number=1,com.docker.compose.service=loki-read","Name":"loki-loki-read-1","Project":"loki","Publishers":[{"URL":"127.0.0.1","TargetPort":3100,"PublishedPort":3101,"Protocol":"tcp"}],"Service":"loki-read","State":"running","Status":"Up 9 seconds (healthy)"}',
  '{"ExitCode":0,"Health":"","ID":"583999fadd7b","Labels":"com.docker.compose.container-number=1","Name":"loki-minio-init-1","Project":"loki","Publishers":null,"Service":"minio-init","State":"exited","Status":"Exited (0) 1 minute ago"}',
].join('\n');

const ARRAY = JSON.stringify([
  { ExitCode: 0, Health: 'healthy', ID: 'aa', Name: 'loki-grafana-1', Service: 'grafana', State: 'running', Publishers: [] },
  { ExitCode: 1, Health: '', ID: 'bb', Name: 'loki-loki-write-1', Service: 'loki-write', State: 'exited', Publishers: null },
]);

// `docker inspect` of a container Docker is restarting (restart: unless-stopped), as Docker 20.10 printed it.
const RESTARTING = `[{"Id":"583999fadd7bf00d","RestartCount":5,"State":{"Status":"restarting","Running":true,"Restarting":true,"OOMKilled":false,"ExitCode":3,"StartedAt":"2026-11-25T16:31:20.444260328Z"},"HostConfig":{"RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},"Memory":0}}]`;
const UNHEALTHY = `[{"Id":"7d1f","RestartCount":0,"State":{"Status":"running","OOMKilled":false,"ExitCode":0,"StartedAt":"2026-11-25T16:32:00Z","Health":{"Status":"unhealthy","FailingStreak":3,"Log":[{"ExitCode":1,"Output":"probe says no\\n"},{"ExitCode":1,"Output":"connection refused\\n"}]}},"HostConfig":{"Memory":134217728}}]`;

const inspected = (json: string) => parseInspect(json)[0]!;
const container = (over: Partial<Container>): Container => ({
  id: 'c1',
  service: 'svc',
  name: 'lab-svc-1',
  number: 1,
  state: 'running',
  health: '',
  exitCode: 0,
  publishers: [],
  ...over,
});

test('parses both output shapes of compose ps, with replica numbers and published ports', () => {
  assert.deepEqual(
    parsePs(NDJSON).map((c) => [c.service, c.number, c.state, c.health, c.publishers.map((p) => p.published)]),
    [
      ['grafana', 1, 'running', 'healthy', [3000]],
      ['loki-read', 2, 'running', 'starting', [3104]],
      ['loki-read', 1, 'running', 'healthy', [3101]],
      ['minio-init', 1, 'exited', '', []],
    ],
  );
  assert.deepEqual(
    parsePs(ARRAY).map((c) => [c.service, c.number, c.exitCode]),
    [
      ['grafana', 1, 0],
      ['loki-write', 1, 1],
    ],
  );
  assert.deepEqual(parsePs(''), []);
});

test('live ports: per service and container port, first replica first; only running containers', () => {
  const ports = livePorts(parsePs(NDJSON));
  assert.deepEqual(ports.get('loki-read')?.get(3100), [3101, 3104]);
  assert.deepEqual(ports.get('grafana')?.get(3000), [3000]);
  assert.equal(ports.has('minio-init'), false);
});

test('inspect: restart count, the exit code of a restarting container, the last healthcheck output', () => {
  assert.deepEqual(
    [inspected(RESTARTING).status, inspected(RESTARTING).restartCount, inspected(RESTARTING).exitCode],
    ['restarting', 5, 3],
  );
  assert.deepEqual(inspected(UNHEALTHY).health, { status: 'unhealthy', failingStreak: 3, lastOutput: 'connection refused' });
  assert.equal(inspected(UNHEALTHY).memoryLimit, 128 * 1024 ** 2);
});

const services = [
  { name: 'grafana', hasHealthcheck: true },
  { name: 'loki-read', hasHealthcheck: true },
  { name: 'minio-init', hasHealthcheck: false },
];

test('waits while a replica is starting; a one-shot job that exited 0 is done; ready when all are', () => {
  const p = progress(services, parsePs(NDJSON));
  assert.equal(p.allReady, false);
  assert.deepEqual(
    p.statuses.map((s) => [s.service, s.phase, s.detail]),
    [
      ['grafana', 'ready', 'healthy'],
      ['loki-read', 'waiting', 'starting (2 replicas)'],
      ['minio-init', 'done', 'completed'],
    ],
  );
  assert.equal(progress(services, parsePs(NDJSON.replace('"Health":"starting"', '"Health":"healthy"'))).allReady, true);
});

test('a restarting container waits for a few restarts, then is a crash loop', () => {
  const restarting = (restartCount: number) => [container({ state: 'restarting', inspected: { ...inspected(RESTARTING), restartCount } })];
  const svc = [{ name: 'svc', hasHealthcheck: true }];
  assert.deepEqual(
    progress(svc, restarting(1)).statuses.map((s) => [s.phase, s.detail]),
    [['waiting', 'restarting (exit 3, restarted once)']],
  );
  const loop = progress(svc, restarting(CRASH_RESTARTS)).failed;
  assert.deepEqual(
    loop.map((s) => [s.failure, s.detail]),
    [['crash-loop', `keeps crashing (exit 3, restarted ${CRASH_RESTARTS} times)`]],
  );
});

test('an exit Docker will not restart is final once compose up has returned', () => {
  const svc = [{ name: 'svc', hasHealthcheck: true }];
  const exited = [container({ state: 'exited', exitCode: 1 })];
  assert.equal(progress(svc, exited, { settled: false }).statuses[0]?.phase, 'waiting');
  assert.deepEqual(
    progress(svc, exited, { settled: true }).failed.map((s) => [s.failure, s.detail]),
    [['exited', 'exited (1)']],
  );
});

test('unhealthy fails with the probe output; an OOM kill says so with the limit', () => {
  const svc = [{ name: 'svc', hasHealthcheck: true }];
  const sick = progress(svc, [container({ health: 'unhealthy', inspected: inspected(UNHEALTHY) })]).failed[0]!;
  assert.deepEqual(
    [sick.failure, sick.detail, sick.probe],
    ['unhealthy', 'unhealthy (healthcheck failed 3 times in a row)', 'connection refused'],
  );
  const oom = { ...inspected(UNHEALTHY), status: 'exited', exitCode: 137, oomKilled: true };
  assert.deepEqual(
    progress(svc, [container({ state: 'exited', inspected: oom })]).failed.map((s) => [s.failure, s.detail]),
    [['oom', 'killed: out of memory (limit 128 MiB)']],
  );
});

test('over time: a service without a healthcheck is ready once it stays up; the watch records when', () => {
  const watch = new HealthWatch([{ name: 'svc', hasHealthcheck: false }], 1000);
  const up = (startedAt: string) => [container({ inspected: { ...inspected(UNHEALTHY), health: undefined, startedAt } })];
  assert.equal(watch.observe(up('t1'), 2000, true).statuses[0]?.phase, 'waiting', 'just started');
  assert.equal(watch.observe(up('t2'), 3000, true).statuses[0]?.phase, 'waiting', 'restarted in between');
  assert.equal(watch.observe(up('t2'), 4000, true).allReady, true);
  assert.equal(watch.readyAfter.get('svc'), 3000);
  assert.equal(watch.observe(up('t2'), 9000, true).allReady, true);
  assert.equal(watch.readyAfter.get('svc'), 3000, 'the first time it was ready');
});

test('at the deadline, what still waits has timed out; what is ready is not blamed', () => {
  const watch = new HealthWatch(services, 0);
  const p = watch.timeOut(watch.observe(parsePs(NDJSON), 1000, true), 300);
  assert.deepEqual(
    p.failed.map((s) => [s.service, s.failure, s.detail]),
    [['loki-read', 'timeout', 'still starting (2 replicas) after 300s']],
  );
});
