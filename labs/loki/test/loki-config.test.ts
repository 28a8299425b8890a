// config/loki/loki.yaml: the read path wired through loki-backend, readiness tuned for one
// replica, and (where Docker and the pinned image are here) accepted by Loki itself, with Loki's
// own message for a misspelt key.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { interpolate, tempDir } from '@obslab/runner';
import { parse } from 'yaml';
import { lab, labDir, read, tool } from './helpers.ts';

const text = read('config/loki/loki.yaml');
const cfg = parse(text) as {
  server: { grpc_listen_port: number };
  common: { replication_factor: number; compactor_grpc_address: string };
  frontend: { scheduler_address: string };
  frontend_worker: { scheduler_address: string };
  storage_config: { tsdb_shipper: { index_gateway_client: { server_address: string } } };
  ingester: { lifecycler: { min_ready_duration: string } };
  pattern_ingester: { lifecycler: { min_ready_duration: string } };
};

/** The compose service that runs a Loki target. */
function serviceFor(target: string): string {
  const found = Object.entries(lab.compose.services).find(([, s]) => (s.command as string[] | undefined)?.includes(`-target=${target}`));
  assert.ok(found, `a service runs -target=${target}`);
  return found[0];
}

test("read's frontend and queriers use the backend's query-scheduler, named by its gRPC address", () => {
  const scheduler = `${serviceFor('backend')}:${cfg.server.grpc_listen_port}`;
  assert.equal(cfg.frontend.scheduler_address, scheduler);
  assert.equal(cfg.frontend_worker.scheduler_address, scheduler);
  // With the addresses set, Loki does not switch on the scheduler ring (pkg/loki/config_wrapper.go),
  // so no flag is needed against the "empty ring" trap (grafana/loki#12138).
  for (const svc of Object.values(lab.compose.services)) {
    assert.ok(!(svc.command as string[] | undefined)?.some((a) => a.includes('use-scheduler-ring')));
  }
});

test("queriers ask the backend's index gateway; the compactor is reached over gRPC", () => {
  const backend = serviceFor('backend');
  assert.equal(cfg.storage_config.tsdb_shipper.index_gateway_client.server_address, `dns+${backend}:${cfg.server.grpc_listen_port}`);
  assert.equal(cfg.common.compactor_grpc_address, `${backend}:${cfg.server.grpc_listen_port}`);
});

test('with one write replica, the ingesters report ready without the 15 s rollout pause', () => {
  assert.equal(cfg.common.replication_factor, 1);
  assert.equal(cfg.ingester.lifecycler.min_ready_duration, '0s');
  assert.equal(cfg.pattern_ingester.lifecycler.min_ready_duration, '0s');
});

const run = promisify(execFile);

/** Runs the pinned Loki image on a config file, as compose.yaml does, with `-verify-config`. */
function verifyConfig(config: string, target: string) {
  const svc = lab.compose.services[serviceFor(target)]!;
  // The service's environment with Compose's defaults (`${MINIO_ROOT_USER:-loki}` -> loki).
  const env = Object.entries(svc.environment as Record<string, string>).flatMap(([k, v]) => ['-e', `${k}=${interpolate(v, {})}`]);
  const name = `obslab-test-loki-config-${process.pid}-${target}-${Math.random().toString(36).slice(2, 8)}`;
  return run(
    'docker',
    [
      'run',
      '--rm',
      '--name',
      name,
      '--network',
      'none',
      ...env,
      '-v',
      `${config}:/etc/loki/config.yaml:ro`,
      svc.image as string,
      ...(svc.command as string[]),
      '-verify-config',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  ).then(
    (r) => ({ status: 0, stderr: r.stderr }),
    (e: { code?: number; stderr?: string }) => ({ status: e.code ?? 1, stderr: e.stderr ?? '' }),
  );
}

function lokiImageHere(): string | undefined {
  if (!tool('docker')) return 'docker is not installed';
  const image = lab.compose.services['loki-read']?.image as string;
  const r = spawnSync('docker', ['image', 'inspect', image], { encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) return undefined;
  return /Cannot connect|daemon/i.test(r.stderr)
    ? 'no Docker engine is running'
    : `${image} is not on this Docker engine (pnpm lab:loki pull)`;
}

/** The lab's config for each target and a misspelt copy, all run at once (each takes seconds). */
let runs: Promise<{ target: string; broken: boolean; status: number; stderr: string }[]> | undefined;
function verifyAll() {
  runs ??= (() => {
    const broken = join(tempDir('obslab-test-loki-config-'), 'loki.yaml');
    writeFileSync(broken, text.replace('  replication_factor: 1', '  replication_factor: 1\n  replication_factr: 1'));
    const cases = [
      ...['read', 'write', 'backend'].map((target) => ({ target, broken: false, file: join(labDir, 'config/loki/loki.yaml') })),
      { target: 'write', broken: true, file: broken },
    ];
    return Promise.all(cases.map(async (c) => ({ ...c, ...(await verifyConfig(c.file, c.target)) })));
  })();
  return runs;
}

test('Loki accepts the config for each of its three targets', async (t) => {
  const why = lokiImageHere();
  if (why) return t.skip(`skipped: ${why}`);
  for (const r of (await verifyAll()).filter((r) => !r.broken)) assert.equal(r.status, 0, `${r.target}: ${r.stderr}`);
});

test('a misspelt key stops Loki with its own message naming the key, in the container log', async (t) => {
  const why = lokiImageHere();
  if (why) return t.skip(`skipped: ${why}`);
  const r = (await verifyAll()).find((r) => r.broken)!;
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /failed parsing config: .*field replication_factr not found in type common\.Config/s);
});
