// Memory: every variant fits the 2 GiB a laptop can give the lab, and the Go services collect
// garbage before the kernel would kill them. The numbers come from bench/memory.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComposeService } from '@obslab/runner';
import { parse } from 'yaml';
import { alloyOverride, lab, read } from './helpers.ts';

const MiB = 1024 * 1024;

/** Compose `256m` and Go `200MiB` / `128MB` -> bytes. */
function bytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(size.trim());
  assert.ok(m, `a size: ${size}`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const scale: Record<string, number> = {
    b: 1,
    k: 1024,
    kib: 1024,
    m: MiB,
    mib: MiB,
    g: 1024 * MiB,
    gib: 1024 * MiB,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
  };
  return Number(m[1]) * (scale[unit] ?? 1);
}

const limit = (svc: ComposeService) => bytes((svc.deploy as { resources: { limits: { memory: string } } }).resources.limits.memory);

test('bytes() reads Compose and Go sizes', () => {
  assert.equal(bytes('256m'), 256 * MiB);
  assert.equal(bytes('200MiB'), 200 * MiB);
  assert.equal(bytes('128MB'), 128e6);
});

test('the services that run in each variant fit in 2 GiB together', () => {
  const always = Object.entries(lab.compose.services).filter(([, s]) => !s.profiles?.length);
  const promtail = always.reduce((sum, [, s]) => sum + limit(s), 0);
  const alloy = promtail - limit(lab.compose.services.promtail!) + limit(alloyOverride.services.alloy!);
  for (const [variant, total] of Object.entries({ promtail, alloy })) {
    assert.ok(total <= 2048 * MiB, `${variant}: ${total / MiB} MiB`);
  }
});

test('Go services that do not size their heap from the container limit get GOMEMLIMIT at 60-85 % of it', () => {
  // Prometheus (--auto-gomemlimit, on by default since 3.0) and Alloy (automemlimit on Linux) do it themselves.
  for (const name of ['loki-read', 'loki-write', 'loki-backend', 'grafana', 'minio', 'promtail']) {
    const svc = lab.compose.services[name]!;
    const env = svc.environment as Record<string, string> | undefined;
    assert.ok(env?.GOMEMLIMIT, `${name} sets GOMEMLIMIT`);
    const share = bytes(env.GOMEMLIMIT) / limit(svc);
    assert.ok(share >= 0.6 && share <= 0.85, `${name}: GOMEMLIMIT is ${Math.round(share * 100)} % of the limit`);
  }
});

test("Loki's embedded caches and WAL replay are capped well inside the read and write heaps", () => {
  const cfg = parse(read('config/loki/loki.yaml')) as {
    chunk_store_config: { chunk_cache_config: { embedded_cache: { max_size_mb: number } } };
    query_range: { results_cache: { cache: { embedded_cache: { max_size_mb: number } } } };
    ingester: { wal: { replay_memory_ceiling: string } };
  };
  const heap = (name: string) => bytes((lab.compose.services[name]!.environment as Record<string, string>).GOMEMLIMIT ?? '0');
  // The results cache's settings are copied to the stats, volume, series, labels and instant
  // metric caches when those are not configured (applyEmbeddedCacheConfig, pkg/loki/config_wrapper.go).
  const caches =
    (cfg.chunk_store_config.chunk_cache_config.embedded_cache.max_size_mb +
      6 * cfg.query_range.results_cache.cache.embedded_cache.max_size_mb) *
    1e6;
  assert.ok(caches <= heap('loki-read') * 0.6, `caches ${caches / MiB} MiB`);
  assert.ok(bytes(cfg.ingester.wal.replay_memory_ceiling) <= heap('loki-write') * 0.7);
});
