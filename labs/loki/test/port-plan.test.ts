// The host port plan: no published port lies inside another's, in any variant of the lab.
// Docker hands out a range's ports round-robin across runs, so an overlap is a lab that fails to
// start one time in a few ("port is already allocated").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ComposeFile, type PublishedPort, publishedPorts, readComposeFile } from '@obslab/runner';
import { variants as allVariants, lab, labDir } from './helpers.ts';

/** The compose files of every variant, as the runner selects them (each mode with each collector). */
function variants(): { name: string; files: ComposeFile[] }[] {
  return allVariants.map((v) => ({ name: v.name, files: v.files.map((f) => readComposeFile(join(labDir, f))) }));
}

/** Compose appends the ports of override files to the service's ports: every file counts. */
const hostPorts = (files: ComposeFile[]) => files.flatMap((c) => publishedPorts(c));
const claimed = (p: PublishedPort) => p.publishedRange ?? (p.published === undefined ? [] : [p.published]);

/** Every pair of port entries whose host ports intersect (same address and protocol). */
export function portOverlaps(ports: PublishedPort[]): string[] {
  const problems: string[] = [];
  ports.forEach((a, i) => {
    for (const b of ports.slice(i + 1)) {
      if (a.hostIp !== b.hostIp || a.protocol !== b.protocol) continue;
      const shared = claimed(a).filter((p) => claimed(b).includes(p));
      if (shared.length > 0) problems.push(`${a.service}:${a.target} and ${b.service}:${b.target} both claim ${shared.join(', ')}`);
    }
  });
  return problems;
}

test('the overlap check catches the layout that broke loki-write (3101-3105 around 3102)', () => {
  const port = (service: string, published: string): PublishedPort => {
    const [first = 0, last = first] = published.split('-').map(Number);
    const range = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    return {
      service,
      hostIp: '127.0.0.1',
      published: first,
      publishedRange: range.length > 1 ? range : undefined,
      target: 3100,
      protocol: 'tcp',
    };
  };
  assert.deepEqual(portOverlaps([port('loki-read', '3101-3105'), port('loki-write', '3102')]), [
    'loki-read:3100 and loki-write:3100 both claim 3102',
  ]);
  assert.deepEqual(portOverlaps([port('loki-read', '3110-3119'), port('loki-write', '3102')]), []);
});

test('no published port lies inside another service’s port or range, in any variant', () => {
  for (const v of variants()) assert.deepEqual(portOverlaps(hostPorts(v.files)), [], v.name);
});

test('only the scalable read workers publish a range (loki-read, loki-querier), wide enough for their exercises', () => {
  for (const v of variants()) {
    const ranges = hostPorts(v.files).filter((p) => p.publishedRange);
    assert.deepEqual(
      ranges.map((p) => p.service),
      [v.name.startsWith('distributed') ? 'loki-querier' : 'loki-read'],
      v.name,
    );
  }
  const distributed = allVariants.find((v) => v.name === 'distributed+promtail')!.lab;
  const queriers = Number(distributed.manifest.checks.find((c) => c.id === 'queriers-scaled')?.with.replicas);
  const querierRange = publishedPorts(distributed.compose).find((p) => p.service === 'loki-querier')?.publishedRange ?? [];
  assert.ok(queriers >= 2 && querierRange.length >= queriers, `${querierRange.length} ports for ${queriers} queriers`);
  const replicas = Number(lab.manifest.checks.find((c) => c.id === 'read-scaled')?.with.replicas);
  const range = publishedPorts(lab.compose).find((p) => p.service === 'loki-read')?.publishedRange ?? [];
  assert.ok(replicas >= 2 && range.length >= replicas, `${range.length} ports for ${replicas} replicas`);
});

test('the host ports the course names: gateway 3100, write 3102, backend 3103, read 3110-3119', () => {
  const ports = Object.fromEntries(
    publishedPorts(lab.compose).map((p) => [
      p.service,
      p.publishedRange ? `${p.publishedRange[0]}-${p.publishedRange.at(-1)}` : p.published,
    ]),
  );
  assert.deepEqual(ports, {
    app: 8000,
    nginx: 8080,
    'loki-gateway': 3100,
    'loki-read': '3110-3119',
    'loki-write': 3102,
    'loki-backend': 3103,
    minio: 9001,
    prometheus: 9090,
    grafana: 3000,
  });
});

test('distributed mode: the shared services keep their ports; each Loki component gets its own from 3120, the queriers 3130-3139', () => {
  const distributed = allVariants.find((v) => v.name === 'distributed+promtail')!.lab;
  const ports = Object.fromEntries(
    publishedPorts(distributed.compose).map((p) => [
      p.service,
      p.publishedRange ? `${p.publishedRange[0]}-${p.publishedRange.at(-1)}` : p.published,
    ]),
  );
  assert.deepEqual(ports, {
    app: 8000,
    nginx: 8080,
    minio: 9001,
    prometheus: 9090,
    grafana: 3000,
    'loki-gateway': 3100,
    'loki-distributor': 3120,
    'loki-ingester-1': 3121,
    'loki-ingester-2': 3122,
    'loki-ingester-3': 3123,
    'loki-query-frontend': 3124,
    'loki-query-scheduler': 3125,
    'loki-index-gateway': 3126,
    'loki-compactor': 3127,
    'loki-ruler': 3128,
    'loki-querier': '3130-3139',
  });
  // Every port on 127.0.0.1, as in compose.yaml.
  for (const p of publishedPorts(distributed.compose)) assert.equal(p.hostIp, '127.0.0.1', p.service);
});
