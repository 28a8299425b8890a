import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { logqlErrors, promqlErrors, repoRoot } from '@obslab/runner';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { dashboardFiles } from '../src/files.ts';
import { LOKI_METRICS, STANDARD_METRICS } from './metrics.ts';

interface Target {
  expr?: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  panels?: Panel[];
}

const files = dashboardFiles();
const panels = (d: unknown) =>
  ((d as { panels: Panel[] }).panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');

test('the committed dashboard JSON is exactly what the code generates', () => {
  for (const f of files) {
    const committed = readFileSync(f.path, 'utf8');
    assert.ok(committed === f.json, `${f.path} is stale: run \`pnpm dashboards:build\` and commit the result`);
  }
});

test("turbo's build outputs name every file the build writes, so a cached build restores them", () => {
  const turbo = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'turbo.json'), 'utf8')) as {
    tasks: { build?: { outputs?: string[] } };
  };
  // Turbo globs as regular expressions: `*` within one folder, `**` across folders.
  const outputs = (turbo.tasks.build?.outputs ?? []).map(
    (glob) =>
      new RegExp(
        `^${glob
          .replace('$TURBO_ROOT$/', '')
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*/g, '\0')
          .replace(/\*/g, '[^/]*')
          .replace(/\0/g, '.*')}$`,
      ),
  );
  for (const f of files) {
    const path = relative(repoRoot, f.path);
    assert.ok(
      outputs.some((o) => o.test(path)),
      `dashboards/turbo.json build.outputs does not name ${path}: a cached build would not restore it`,
    );
  }
});

test('the dashboards have the UIDs and titles the lab and the docs refer to', () => {
  assert.deepEqual(
    files.map((f) => [f.dashboard.uid, f.dashboard.title]),
    [
      ['loki-metrics', 'Loki Metrics'],
      ['app-logs', 'App logs'],
      ['loki-distributed', 'Loki distributed'],
    ],
  );
});

test("every panel's and query's datasource is one Grafana provisions", () => {
  const provisioned = parse(readFileSync(join(repoRoot, 'labs/loki/config/grafana/provisioning/datasources/datasources.yaml'), 'utf8')) as {
    datasources: { uid: string; type: string }[];
  };
  const known = new Map(provisioned.datasources.map((d) => [d.uid, d.type]));
  for (const f of files) {
    for (const p of panels(f.dashboard)) {
      assert.ok(p.datasource, `${p.title} has a datasource`);
      assert.equal(known.get(p.datasource.uid), p.datasource.type, `${p.title}: ${p.datasource.uid}`);
      for (const t of p.targets ?? []) assert.equal(known.get(t.datasource?.uid ?? ''), t.datasource?.type, `${p.title} target`);
      assert.ok((p.targets ?? []).length > 0, `${p.title} has a query`);
    }
  }
});

test('every query parses with the grammar of its datasource', () => {
  for (const f of files) {
    for (const p of panels(f.dashboard)) {
      for (const t of p.targets ?? []) {
        const errors = t.datasource?.type === 'loki' ? logqlErrors(t.expr ?? '') : promqlErrors(t.expr ?? '');
        assert.deepEqual(errors, [], `${p.title}: ${t.expr}`);
      }
    }
  }
});

/** Metric names in a PromQL expression, read from the parse tree. */
function metricNames(expr: string): string[] {
  const names: string[] = [];
  const text = expr.replace(/\$__rate_interval/g, '5m');
  promqlParser.parse(text).iterate({
    enter(node) {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(text.slice(node.from, node.to));
    },
  });
  return names;
}

test('every Prometheus metric is a confirmed Loki 3 metric or a standard one', () => {
  const used = new Set<string>();
  for (const f of files) {
    for (const p of panels(f.dashboard)) {
      for (const t of p.targets ?? []) if (t.datasource?.type === 'prometheus') for (const m of metricNames(t.expr ?? '')) used.add(m);
    }
  }
  assert.ok(used.size >= 8, [...used].join(', '));
  for (const m of used) {
    const base = m.replace(/_(bucket|count|sum)$/, '');
    assert.ok(base in LOKI_METRICS || STANDARD_METRICS.includes(m), `${m} is not a confirmed metric`);
  }
});

test('Loki Metrics covers the write path and the read path separately', () => {
  const exprs = panels(files[0]!.dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
  assert.ok(exprs.some((e) => e.includes('job="loki-write"')));
  assert.ok(exprs.some((e) => e.includes('job="loki-read"')));
  assert.ok(exprs.some((e) => e.startsWith('histogram_quantile(0.99')));
});

test('Loki Metrics shows each loki-read replica on its own line, and the backend that serves the read path', () => {
  const byTitle = new Map(panels(files[0]!.dashboard).map((p) => [p.title, (p.targets ?? []).map((t) => t.expr ?? '')]));
  const perReplica = byTitle.get('Read: requests per replica') ?? [];
  assert.ok(
    perReplica.some((e) => /^sum by \(instance\)/.test(e) && e.includes('job="loki-read"')),
    perReplica.join(),
  );
  const backend = [...byTitle.entries()].filter(([title]) => /Query scheduler|Index gateway/.test(title)).flatMap(([, e]) => e);
  assert.ok(backend.some((e) => e.includes('loki_query_scheduler_connected_querier_clients')));
  assert.ok(backend.some((e) => e.includes('IndexGateway')));
});

test('Loki distributed has a row per component, each query scoped to the job that runs it', () => {
  const d = files.find((f) => f.dashboard.uid === 'loki-distributed')!.dashboard as unknown as { panels: Panel[] };
  assert.deepEqual(
    d.panels.filter((p) => p.type === 'row').map((p) => p.title),
    ['Distributor: every push goes to three ingesters', 'Ingester ring', 'Query scheduler queue', 'Queriers'],
  );
  const exprs = panels(d).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
  for (const job of ['loki-distributor', 'loki-ingester', 'loki-query-scheduler', 'loki-querier']) {
    assert.ok(
      exprs.some((e) => e.includes(`job="${job}"`)),
      job,
    );
  }
  // Each ingester and each querier replica on its own line.
  assert.ok(exprs.some((e) => /^sum by \(instance\)/.test(e) && e.includes('job="loki-querier"')));
  assert.ok(exprs.some((e) => e.includes('loki_ring_members') && e.includes('name="ingester"')));
});

test('every job a Prometheus query names is one the lab’s Prometheus scrapes', () => {
  const prometheus = parse(readFileSync(join(repoRoot, 'labs/loki/config/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: { job_name: string }[];
  };
  const jobs = new Set(prometheus.scrape_configs.map((c) => c.job_name));
  for (const f of files) {
    for (const p of panels(f.dashboard)) {
      for (const t of (p.targets ?? []).filter((t) => t.datasource?.type === 'prometheus')) {
        for (const [, job] of (t.expr ?? '').matchAll(/job="([^"]+)"/g)) assert.ok(jobs.has(job as string), `${p.title}: ${job}`);
      }
    }
  }
});
