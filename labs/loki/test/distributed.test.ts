// Distributed mode (compose.distributed.yaml, config/loki/distributed.yaml): the components of
// Loki 3.7's microservices mode, three ingesters with replication factor 3 that keep their WAL and
// ring tokens, healthchecks and memory limits like the SSD services, and a config Loki accepts.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { type ComposeService, dependencies } from '@obslab/runner';
import { parse } from 'yaml';
import { composeServices, distributedServices, labDir, read, tool } from './helpers.ts';

const CONFIG = 'config/loki/distributed.yaml';
const text = read(CONFIG);
const cfg = parse(text) as {
  server: { grpc_listen_port: number };
  common: { path_prefix: string; replication_factor: number; compactor_grpc_address: string };
  memberlist: { join_members: string[] };
  frontend: { scheduler_address: string; tail_proxy_url: string };
  frontend_worker: { scheduler_address: string };
  storage_config: { tsdb_shipper: { index_gateway_client: { server_address: string } } };
  ingester: {
    wal: { dir: string; flush_on_shutdown: boolean };
    lifecycler: { tokens_file_path: string; unregister_on_shutdown: boolean };
  };
};
const services = distributedServices();
const MiB = 1024 * 1024;

/**
 * Where each key of distributed.yaml is defined at grafana/loki v3.7.6 (a block ending in `.*`
 * covers every key under it). A key added to the config must be looked up and added here.
 */
const KEYS_V3_7_6: Record<string, string> = {
  auth_enabled: 'pkg/loki/loki.go Config.AuthEnabled',
  'server.*': 'vendor/github.com/grafana/dskit/server/server.go Config',
  'memberlist.join_members': 'vendor/github.com/grafana/dskit/kv/memberlist/memberlist_client.go KVConfig',
  'memberlist.bind_port': 'vendor/github.com/grafana/dskit/kv/memberlist/tcp_transport.go TCPTransportConfig',
  'memberlist.dead_node_reclaim_time': 'vendor/github.com/grafana/dskit/kv/memberlist/memberlist_client.go KVConfig',
  'memberlist.gossip_to_dead_nodes_time': 'vendor/github.com/grafana/dskit/kv/memberlist/memberlist_client.go KVConfig',
  'memberlist.left_ingesters_timeout': 'vendor/github.com/grafana/dskit/kv/memberlist/memberlist_client.go KVConfig',
  'common.path_prefix': 'pkg/loki/common/common.go Config',
  'common.replication_factor': 'pkg/loki/common/common.go Config',
  'common.compactor_grpc_address': 'pkg/loki/common/common.go Config',
  'common.ring.kvstore.store': 'pkg/util/ring/ring_config.go RingConfig (dskit kv.Config)',
  'common.storage.s3.*': 'pkg/storage/chunk/client/aws/s3_storage_client.go S3Config',
  'schema_config.configs': 'pkg/storage/config/schema_config.go SchemaConfig',
  'frontend.scheduler_address': 'pkg/lokifrontend/frontend/v2/frontend.go Config',
  'frontend.tail_proxy_url': 'pkg/lokifrontend/config.go Config',
  'frontend_worker.scheduler_address': 'pkg/querier/worker/worker.go Config',
  'storage_config.tsdb_shipper.index_gateway_client.server_address':
    'pkg/storage/stores/shipper/indexshipper/shipper.go Config -> indexgateway.ClientConfig',
  'ingester.chunk_idle_period': 'pkg/ingester/ingester.go Config',
  'ingester.max_chunk_age': 'pkg/ingester/ingester.go Config',
  'ingester.chunk_target_size': 'pkg/ingester/ingester.go Config',
  'ingester.wal.*': 'pkg/ingester/wal.go WALConfig',
  'ingester.lifecycler.*': 'vendor/github.com/grafana/dskit/ring/lifecycler.go LifecyclerConfig',
  'chunk_store_config.chunk_cache_config.embedded_cache.*': 'pkg/storage/chunk/cache/embeddedcache.go EmbeddedCacheConfig',
  'query_range.results_cache.cache.embedded_cache.*': 'pkg/storage/chunk/cache/embeddedcache.go EmbeddedCacheConfig',
  'limits_config.*': 'pkg/validation/limits.go Limits',
  'compactor.*': 'pkg/compactor/config.go Config',
  // Marked deprecated in favour of ruler_storage, yet what upstream's production/docker config and loki.yaml use.
  'ruler.storage.type': 'pkg/ruler/base/storage.go RuleStoreConfig',
  'ruler.storage.s3.*': 'pkg/storage/chunk/client/aws/s3_storage_client.go S3Config',
  'analytics.reporting_enabled': 'pkg/analytics/reporter.go Config',
};

/** Every leaf key path of a YAML document (lists are leaves). */
function keyPaths(doc: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keyPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

test('every key of distributed.yaml is one looked up in grafana/loki v3.7.6', () => {
  const known = Object.keys(KEYS_V3_7_6);
  const covered = (path: string) => known.some((k) => k === path || (k.endsWith('.*') && path.startsWith(k.slice(0, -1))));
  assert.deepEqual(
    keyPaths(cfg as unknown as Record<string, unknown>).filter((p) => !covered(p)),
    [],
  );
});

/** The -target each Loki service runs, by service. */
const targets = Object.fromEntries(
  Object.entries(services).flatMap(([name, s]) => {
    const target = (s.command as string[] | undefined)?.find((a) => a.startsWith('-target='));
    return target ? [[name, target.slice('-target='.length)]] : [];
  }),
);

test("the services run Loki 3.7's microservices components, less bloom, overrides-exporter and table-manager", () => {
  assert.deepEqual(targets, {
    'loki-compactor': 'compactor',
    'loki-distributor': 'distributor',
    'loki-index-gateway': 'index-gateway',
    'loki-ingester-1': 'ingester',
    'loki-ingester-2': 'ingester',
    'loki-ingester-3': 'ingester',
    'loki-querier': 'querier',
    'loki-query-frontend': 'query-frontend',
    'loki-query-scheduler': 'query-scheduler',
    'loki-ruler': 'ruler',
  });
  // None of SSD's targets runs next to them.
  for (const ssd of ['loki-read', 'loki-write', 'loki-backend']) assert.equal(services[ssd], undefined, ssd);
});

test('every Loki service uses the SSD lab’s image and this config, and joins the memberlist ring under one alias', () => {
  const image = composeServices()['loki-write']?.image;
  const alias = /^dns\+([a-z-]+):7946$/.exec(cfg.memberlist.join_members[0] ?? '')?.[1];
  assert.ok(alias, cfg.memberlist.join_members.join(', '));
  for (const name of Object.keys(targets)) {
    const s = services[name] as ComposeService;
    assert.equal(s.image, image, name);
    assert.ok(
      (s.volumes as { source: string; target: string }[]).some((v) => v.source === `./${CONFIG}`),
      `${name} mounts ${CONFIG}`,
    );
    assert.ok((s.networks as { default: { aliases: string[] } }).default.aliases.includes(alias), `${name} answers to ${alias}`);
  }
  assert.equal(services['loki-gateway']?.image, composeServices()['loki-gateway']?.image);
});

test('the read path is wired by address: frontend and queriers to the scheduler, queriers to the index gateway', () => {
  const grpc = (service: string) => `${service}:${cfg.server.grpc_listen_port}`;
  assert.equal(cfg.frontend.scheduler_address, grpc('loki-query-scheduler'));
  assert.equal(cfg.frontend_worker.scheduler_address, grpc('loki-query-scheduler'));
  assert.equal(cfg.storage_config.tsdb_shipper.index_gateway_client.server_address, `dns+${grpc('loki-index-gateway')}`);
  assert.equal(cfg.common.compactor_grpc_address, grpc('loki-compactor'));
  assert.equal(cfg.frontend.tail_proxy_url, 'http://loki-querier:3100');
});

const ingesters = ['loki-ingester-1', 'loki-ingester-2', 'loki-ingester-3'];

test('three ingesters, replication factor 3: a write needs two of them, so one may be down', () => {
  assert.equal(cfg.common.replication_factor, 3);
  assert.deepEqual(
    Object.keys(targets).filter((s) => targets[s] === 'ingester'),
    ingesters,
  );
});

test('each ingester keeps its WAL and ring tokens in its own named volume, under a fixed hostname (its ring ID)', () => {
  const inVolume = (path: string) => path.startsWith(`${cfg.common.path_prefix}/`);
  assert.ok(inVolume(cfg.ingester.wal.dir), cfg.ingester.wal.dir);
  assert.ok(inVolume(cfg.ingester.lifecycler.tokens_file_path), cfg.ingester.lifecycler.tokens_file_path);
  // Stopped, it stays in the ring: the others keep the quorum and it takes its own streams back.
  assert.equal(cfg.ingester.lifecycler.unregister_on_shutdown, false);
  const volumes = new Set<string>();
  for (const name of ingesters) {
    const s = services[name] as ComposeService;
    assert.equal(s.hostname, name);
    const data = (s.volumes as { type: string; source: string; target: string }[]).find((v) => v.target === cfg.common.path_prefix);
    assert.equal(data?.type, 'volume', `${name} keeps ${cfg.common.path_prefix} in a named volume`);
    volumes.add(data.source);
  }
  assert.equal(volumes.size, 3, 'one volume each');
});

test('each ingester flushes its chunks on stop, and has a minute to do so (default grace: 10 s)', () => {
  assert.equal(cfg.ingester.wal.flush_on_shutdown, true);
  for (const name of ingesters) assert.equal(services[name]?.stop_grace_period, '1m0s', name);
});

test('every service of distributed mode has a healthcheck the image can run, every 2 s, without start_interval', () => {
  for (const [name, s] of Object.entries(services)) {
    if (s.profiles?.length) continue;
    const hc = s.healthcheck as { test: string[]; interval: string; start_interval?: string } | undefined;
    assert.ok(hc, `${name} has a healthcheck`);
    assert.equal(hc.start_interval, undefined, name);
    assert.equal(hc.interval, '2s', name);
    // The Loki image is distroless: no shell, no wget (grafana/loki 3.6+).
    if (targets[name]) assert.deepEqual(hc.test, ['CMD', '/usr/bin/loki', '-health'], name);
  }
});

test('services wait only for what they cannot start without', () => {
  const waits: Record<string, Record<string, string | undefined>> = {};
  for (const d of dependencies({ services })) {
    waits[d.service] = { ...waits[d.service], [d.on]: d.condition };
  }
  assert.deepEqual(waits, {
    k6: { nginx: 'service_healthy' },
    promtail: { 'loki-gateway': 'service_healthy' },
    alloy: { 'loki-gateway': 'service_healthy' },
    'loki-gateway': Object.fromEntries(['loki-distributor', ...ingesters].map((s) => [s, 'service_healthy'])),
    ...Object.fromEntries(ingesters.map((s) => [s, { minio: 'service_healthy' }])),
    'loki-query-frontend': { 'loki-query-scheduler': 'service_started' },
    'loki-querier': { minio: 'service_healthy', 'loki-query-scheduler': 'service_started' },
    'loki-index-gateway': { minio: 'service_healthy' },
    'loki-compactor': { minio: 'service_healthy' },
    'loki-ruler': { minio: 'service_healthy' },
  });
});

const limitOf = (s: ComposeService) => Number((s.deploy as { resources: { limits: { memory: string } } }).resources.limits.memory);
const replicasOf = (s: ComposeService) => (s.deploy as { replicas?: number }).replicas ?? 1;

/** Go `150MiB` -> bytes. */
const goBytes = (v: string) => Number(/^(\d+)MiB$/.exec(v)?.[1] ?? Number.NaN) * MiB;

test('distributed mode fits in about 3 GiB, every replica counted, with the queriers scaled to 4 as the exercise does', () => {
  const running = Object.entries(services).filter(([name, s]) => !s.profiles?.length && name !== 'alloy');
  for (const [name, s] of running) assert.ok(limitOf(s) > 0, `${name} has a memory limit`);
  const total = running.reduce((sum, [, s]) => sum + limitOf(s) * replicasOf(s), 0);
  assert.ok(total <= 3 * 1024 * MiB, `${total / MiB} MiB`);
  const exercise = read('lab.yaml').match(/type: queriers-scaled[\s\S]*?replicas: (\d+)/)?.[1];
  const querier = services['loki-querier'] as ComposeService;
  const scaled = total + limitOf(querier) * (Number(exercise) - replicasOf(querier));
  assert.ok(scaled <= 3 * 1024 * MiB, `scaled: ${scaled / MiB} MiB`);
});

test('each Loki component gets GOMEMLIMIT at 60-85 % of its limit', () => {
  for (const name of Object.keys(targets)) {
    const s = services[name] as ComposeService;
    const share = goBytes((s.environment as Record<string, string>).GOMEMLIMIT ?? '') / limitOf(s);
    assert.ok(share >= 0.6 && share <= 0.85, `${name}: GOMEMLIMIT is ${Math.round(share * 100)} % of the limit`);
  }
});

const run = promisify(execFile);

function lokiImageHere(image: string): string | undefined {
  if (!tool('docker')) return 'docker is not installed';
  const r = spawnSync('docker', ['image', 'inspect', image], { encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) return undefined;
  return /Cannot connect|daemon/i.test(r.stderr)
    ? 'no Docker engine is running'
    : `${image} is not on this Docker engine (pnpm lab:loki pull)`;
}

/** `loki -verify-config` for each component's service as Compose runs it, and a misspelt copy. */
let verified: Promise<{ name: string; status: number; stderr: string }[]> | undefined;
function verifyAll() {
  verified ??= (() => {
    const broken = join(mkdtempSync(join(tmpdir(), 'obslab-loki-distributed-')), 'loki.yaml');
    writeFileSync(broken, text.replace('  replication_factor: 3', '  replication_factor: 3\n  replicaton_factor: 3'));
    const cases = [
      ...[...new Set(Object.values(targets))].map((t) => ({
        name: t,
        service: Object.keys(targets).find((s) => targets[s] === t)!,
        file: join(labDir, CONFIG),
      })),
      { name: 'misspelt', service: 'loki-ingester-1', file: broken },
    ];
    return Promise.all(
      cases.map(async (c) => {
        const s = services[c.service] as ComposeService;
        const env = Object.entries(s.environment as Record<string, string>).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
        const args = ['run', '--rm', '--name', `obslab-test-loki-${process.pid}-${c.name}`, '--network', 'none', ...env];
        args.push('-v', `${c.file}:/etc/loki/config.yaml:ro`, s.image as string, ...(s.command as string[]), '-verify-config');
        return run('docker', args, { encoding: 'utf8', timeout: 60_000 }).then(
          (r) => ({ name: c.name, status: 0, stderr: r.stderr }),
          (e: { code?: number; stderr?: string }) => ({ name: c.name, status: e.code ?? 1, stderr: e.stderr ?? '' }),
        );
      }),
    );
  })();
  return verified;
}

test('Loki accepts the config for each of its eight components', async (t) => {
  const why = lokiImageHere(services['loki-distributor']?.image as string);
  if (why) return t.skip(`skipped: ${why}`);
  const results = (await verifyAll()).filter((r) => r.name !== 'misspelt');
  assert.equal(results.length, 8);
  for (const r of results) assert.equal(r.status, 0, `${r.name}: ${r.stderr}`);
});

test('a misspelt key in distributed.yaml stops Loki with its own message naming the key', async (t) => {
  const why = lokiImageHere(services['loki-distributor']?.image as string);
  if (why) return t.skip(`skipped: ${why}`);
  const r = (await verifyAll()).find((r) => r.name === 'misspelt')!;
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /field replicaton_factor not found in type common\.Config/);
});
