// Promtail and Alloy ship the same containers with the same labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logqlErrors } from '@obslab/runner';
import { parse } from 'yaml';
import { composeServices, read } from './helpers.ts';

const promtail = parse(read('config/promtail/promtail.yaml')) as {
  clients: { url: string }[];
  scrape_configs: {
    docker_sd_configs: { host: string; filters: { name: string; values: string[] }[] }[];
    relabel_configs: { source_labels?: string[]; regex?: string; target_label: string; replacement?: string }[];
    pipeline_stages: { match: { selector: string; stages: Record<string, unknown>[] } }[];
  }[];
};
const alloy = read('config/alloy/config.alloy');

/** The containers a `label=key=value` docker filter keeps. */
function kept(filter: string): string[] {
  const [key, value] = filter.split('=');
  return Object.entries(composeServices())
    .filter(([, svc]) => (svc.labels as Record<string, string> | undefined)?.[key as string] === value)
    .map(([name]) => name)
    .sort();
}

test("Promtail's docker filter keeps exactly the labelled services", () => {
  const filters = promtail.scrape_configs[0]!.docker_sd_configs[0]!.filters;
  assert.deepEqual(
    filters.map((f) => f.name),
    ['label'],
  );
  assert.deepEqual(kept(filters[0]!.values[0]!), ['app', 'nginx']);
});

test("Alloy's discovery.docker filter is the same filter", () => {
  const m = /filter\s*\{\s*name\s*=\s*"label"\s*values\s*=\s*\["([^"]+)"\]/.exec(alloy);
  assert.ok(m, 'discovery.docker has a label filter');
  assert.equal(m[1], promtail.scrape_configs[0]!.docker_sd_configs[0]!.filters[0]!.values[0]);
});

/** Applies Prometheus-style relabel rules (replace action) to discovered meta labels. */
function relabel(
  rules: { source_labels?: string[]; regex?: string; target_label: string; replacement?: string }[],
  meta: Record<string, string>,
) {
  const out: Record<string, string> = {};
  for (const r of rules) {
    const value = (r.source_labels ?? []).map((l) => meta[l] ?? '').join(';');
    const m = new RegExp(`^(?:${r.regex ?? '(.*)'})$`).exec(value);
    if (m) out[r.target_label] = (r.replacement ?? '$1').replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return out;
}

const META = {
  __meta_docker_container_name: '/loki-app-1',
  __meta_docker_container_label_com_docker_compose_service: 'app',
};

test('Promtail relabels to job, container and service as the dashboards and docs expect', () => {
  assert.deepEqual(relabel(promtail.scrape_configs[0]!.relabel_configs, META), { job: 'docker', container: 'loki-app-1', service: 'app' });
});

test("Alloy's relabel rules are the same rules", () => {
  const rules = [...alloy.matchAll(/rule\s*\{([^}]*)\}/g)].map((m) => {
    const body = m[1]!;
    const attr = (k: string) => new RegExp(`${k}\\s*=\\s*"([^"]*)"`).exec(body)?.[1];
    const sources = /source_labels\s*=\s*\[([^\]]*)\]/.exec(body)?.[1];
    return {
      source_labels: sources ? [...sources.matchAll(/"([^"]+)"/g)].map((s) => s[1]!) : undefined,
      regex: attr('regex'),
      target_label: attr('target_label') as string,
      replacement: attr('replacement'),
    };
  });
  assert.deepEqual(relabel(rules, META), relabel(promtail.scrape_configs[0]!.relabel_configs, META));
});

test('both collectors lift the app JSON level into a label, for app lines only, and push through the gateway', () => {
  const match = promtail.scrape_configs[0]!.pipeline_stages[0]!.match;
  assert.equal(match.selector, '{service="app"}');
  assert.deepEqual(match.stages, [{ json: { expressions: { level: 'level' } } }, { labels: { level: null } }]);
  assert.match(alloy, /selector = "\{service=\\"app\\"\}"/);
  assert.match(alloy, /expressions = \{ level = "level" \}/);
  assert.match(alloy, /values = \{ level = "" \}/);
  for (const selector of [match.selector]) assert.deepEqual(logqlErrors(selector), []);
  assert.equal(promtail.clients[0]!.url, 'http://loki-gateway:3100/loki/api/v1/push');
  assert.match(alloy, /url = "http:\/\/loki-gateway:3100\/loki\/api\/v1\/push"/);
});
