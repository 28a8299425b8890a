// What survives `down`, and how quickly the lab starts: the compose facts behind both. The
// opt-in exercise down-up-keeps-logs proves the first on a running lab; `up` times the second.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencies } from '@obslab/runner';
import { parse } from 'yaml';
import { composeServices, lab, read } from './helpers.ts';

const loki = parse(read('config/loki/loki.yaml')) as {
  common: { path_prefix: string };
  ingester: { wal: { dir: string; flush_on_shutdown: boolean } };
};

/** `1m30s`, `60s`, `500ms` -> seconds (Compose duration syntax). */
function seconds(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return total;
}

test('seconds() reads Compose durations', () => {
  assert.equal(seconds('1m30s'), 90);
  assert.equal(seconds('500ms'), 0.5);
});

test('loki-write and loki-backend keep their data directory in a named volume, under a fixed hostname', () => {
  for (const name of ['loki-write', 'loki-backend']) {
    const svc = lab.compose.services[name]!;
    assert.ok((svc.volumes as string[]).includes(`${name}-data:${loki.common.path_prefix}`), `${name} mounts ${name}-data`);
    assert.ok(lab.compose.volumes && `${name}-data` in lab.compose.volumes, `${name}-data is declared`);
    // The ring entry's ID is the hostname: a recreated container takes over its own entry.
    assert.equal(svc.hostname, name);
  }
});

test("the ingester's WAL is inside that volume, and chunks are flushed on shutdown", () => {
  assert.ok(loki.ingester.wal.dir.startsWith(`${loki.common.path_prefix}/`), loki.ingester.wal.dir);
  assert.equal(loki.ingester.wal.flush_on_shutdown, true);
});

test('loki-write has time to flush before Docker kills it (default grace: 10 s)', () => {
  const grace = lab.compose.services['loki-write']?.stop_grace_period;
  assert.equal(typeof grace, 'string');
  assert.ok(seconds(grace as string) >= 30, `stop_grace_period ${grace}`);
});

test('services wait only for what they cannot start without', () => {
  const waits = Object.fromEntries(
    Object.keys(lab.compose.services).map((s) => [
      s,
      Object.fromEntries(
        dependencies(lab.compose)
          .filter((d) => d.service === s)
          .map((d) => [d.on, d.condition]),
      ),
    ]),
  );
  assert.deepEqual(waits, {
    app: {},
    nginx: {},
    // The collectors wait for the gateway alone, the gateway for the write path: the same wiring
    // in distributed mode (test/distributed.test.ts).
    promtail: { 'loki-gateway': 'service_healthy' },
    'loki-gateway': { 'loki-write': 'service_healthy' },
    'loki-read': { minio: 'service_healthy', 'loki-backend': 'service_started' },
    'loki-write': { minio: 'service_healthy' },
    'loki-backend': { minio: 'service_healthy' },
    minio: {},
    prometheus: {},
    grafana: {},
    k6: { nginx: 'service_healthy' },
  });
});

test('healthchecks probe every 2 s, without start_interval (Compose refuses it on Docker Engine before v25)', () => {
  for (const [name, svc] of Object.entries(composeServices())) {
    const hc = svc.healthcheck as { interval?: string; start_interval?: string; retries?: number } | undefined;
    if (!hc) continue;
    assert.equal(hc.start_interval, undefined, name);
    assert.equal(hc.interval, '2s', name);
    assert.ok(seconds(hc.interval) * (hc.retries ?? 3) >= 60, `${name} is given at least a minute to become healthy`);
  }
});
