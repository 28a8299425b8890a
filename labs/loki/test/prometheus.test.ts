import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { publishedPorts } from '@obslab/runner';
import { parse } from 'yaml';
import { allServices, composeServices, labDir, read, tool } from './helpers.ts';

interface ScrapeConfig {
  job_name: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; port: number }[];
}
const config = parse(read('config/prometheus/prometheus.yml')) as { scrape_configs: ScrapeConfig[] };

test('promtool check config accepts prometheus.yml', {
  skip: !tool('promtool') && 'promtool not installed (apt-get install prometheus)',
}, () => {
  const r = spawnSync(tool('promtool') as string, ['check', 'config', join(labDir, 'config/prometheus/prometheus.yml')], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

const DISTRIBUTED = [
  'loki-distributor',
  'loki-ingester',
  'loki-query-frontend',
  'loki-query-scheduler',
  'loki-querier',
  'loki-index-gateway',
  'loki-compactor',
  'loki-ruler',
];

test('every scrape target names a compose service of either mode and the port its metrics listen on', () => {
  // One config serves both modes: a service of the mode that does not run resolves to no target.
  const services = allServices();
  const metricsPort = (name: string) => ({ promtail: 9080, alloy: 12345 })[name] ?? (name.startsWith('loki-') ? 3100 : undefined);
  const jobs = config.scrape_configs.map((c) => c.job_name);
  assert.deepEqual(jobs, ['prometheus', 'loki-read', 'loki-write', 'loki-backend', ...DISTRIBUTED, 'promtail', 'alloy']);
  for (const sc of config.scrape_configs.filter((c) => c.dns_sd_configs)) {
    for (const sd of sc.dns_sd_configs!) {
      for (const name of sd.names) {
        assert.ok(services[name], `${sc.job_name}: ${name} is a compose service`);
        assert.equal(sd.port, metricsPort(name), `${name} serves metrics on ${metricsPort(name)}`);
      }
    }
  }
});

test('every Loki service of distributed mode is scraped, each ingester under its own name', () => {
  const named = config.scrape_configs.flatMap((c) => (c.dns_sd_configs ?? []).flatMap((sd) => sd.names));
  for (const [name, svc] of Object.entries(allServices())) {
    const lokiTarget = (svc.command as string[] | undefined)?.some((a) => a.startsWith('-target='));
    if (lokiTarget) assert.ok(named.includes(name), `${name} is scraped`);
  }
  const ingester = config.scrape_configs.find((c) => c.job_name === 'loki-ingester') as ScrapeConfig & {
    relabel_configs: { source_labels: string[]; target_label: string }[];
  };
  assert.deepEqual(ingester.relabel_configs, [{ source_labels: ['__meta_dns_name'], target_label: 'instance' }]);
});

test('the collectors listen where Prometheus scrapes them', () => {
  assert.match(read('config/promtail/promtail.yaml'), /http_listen_port: 9080/);
  assert.ok((composeServices().alloy?.command as string[] | undefined)?.includes('--server.http.listen-addr=0.0.0.0:12345'));
  // Loki's own HTTP port is the container port the lab publishes for read and write.
  assert.match(read('config/loki/loki.yaml'), /http_listen_port: 3100/);
  assert.ok(publishedPorts({ services: composeServices() }).some((p) => p.service === 'loki-write' && p.target === 3100));
});
