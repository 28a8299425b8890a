// Causes of a failed `docker compose up`, from the messages Compose 2.26 and Docker 20.10 print.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyComposeError, failureHint } from '../src/diagnose.ts';

test('a port another program holds, or another container', () => {
  const proxy = classifyComposeError(
    ' Container x-taken-1  Starting\nError response from daemon: driver failed programming external connectivity on endpoint x-taken-1 (7ee8): Error starting userland proxy: listen tcp4 127.0.0.1:18510: bind: address already in use',
  );
  assert.deepEqual([proxy.cause, proxy.port], ['port', 18510]);
  const allocated = classifyComposeError('Error response from daemon: Bind for 127.0.0.1:3102 failed: port is already allocated');
  assert.deepEqual([allocated.cause, allocated.port], ['port', 3102]);
  assert.match(failureHint('loki', [], allocated), /port 3102: `pnpm lab:loki doctor` names it/);
});

test('a dependency that failed names its container', () => {
  const f = classifyComposeError(
    ' Container loki-loki-write-1  Error\ndependency failed to start: container loki-loki-write-1 is unhealthy',
  );
  assert.deepEqual([f.cause, f.container], ['dependency', 'loki-loki-write-1']);
  assert.equal(classifyComposeError('dependency failed to start: container x-dead-1 exited (4)').container, 'x-dead-1');
});

test('an invalid compose file and a missing image', () => {
  assert.equal(
    classifyComposeError('validating /labs/loki/compose.yaml: services.x Additional property bogus is not allowed').cause,
    'config',
  );
  assert.equal(classifyComposeError('yaml: line 4: did not find expected node content').cause, 'config');
  assert.equal(classifyComposeError('Error response from daemon: No such image: obslab/loki-app:1.0.0').cause, 'image');
  assert.equal(classifyComposeError('something else entirely').cause, 'compose');
});

test('hints fit the cause: crash, unhealthy, timeout, memory', () => {
  const crash = failureHint('loki', [{ service: 'loki-write', phase: 'failed', failure: 'crash-loop', detail: '' }]);
  assert.match(crash, /loki-write stopped with an error: its last log lines above say why/);
  const sick = failureHint('loki', [{ service: 'loki-read', phase: 'failed', failure: 'unhealthy', detail: '' }]);
  assert.match(sick, /loki-read runs but its healthcheck fails.*pnpm lab:loki logs loki-read/);
  const slow = failureHint('loki', [{ service: 'grafana', phase: 'failed', failure: 'timeout', detail: '' }]);
  assert.match(slow, /up --timeout 600/);
  const oom = failureHint('loki', [{ service: 'loki-write', phase: 'failed', failure: 'oom', detail: '' }]);
  assert.match(oom, /loki-write ran out of memory: raise its limit/);
});
