// "Loki Metrics": the chapter's dashboard, in the spirit of Grafana.com 13407 (Loki 2.0 global
// metrics) with Loki 3 metric names. Every metric is listed with its source in test/metrics.ts.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import { PROMETHEUS, series as prometheusSeries, promQuery, row } from './common.ts';

const rate = '$__rate_interval';

const series = (title: string, description: string, unit: string, ...targets: ReturnType<typeof promQuery>[]) =>
  prometheusSeries(PROMETHEUS, title, description, unit, ...targets);

function single(title: string, description: string, unit: string, expr: string) {
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS)
    .unit(unit)
    .height(4)
    .span(6)
    .withTarget(promQuery(expr, title));
}

/** Requests per second and p50/p99 latency by route for one SSD target. */
function path(job: string, name: string): [ReturnType<typeof series>, ReturnType<typeof series>] {
  const selector = `{job="${job}"}`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le, route) (rate(loki_request_duration_seconds_bucket${selector}[${rate}])))`;
  return [
    series(
      `${name}: requests per second by route`,
      `HTTP and gRPC requests served by ${job}, split by route.`,
      'reqps',
      promQuery(`sum by (route) (rate(loki_request_duration_seconds_count${selector}[${rate}]))`, '{{route}}'),
    ),
    series(
      `${name}: p50 and p99 latency by route`,
      `How long ${job} takes to answer, by route: half of the requests are faster than p50, 99% faster than p99.`,
      's',
      promQuery(quantile(0.99), 'p99 {{route}}', 'A'),
      promQuery(quantile(0.5), 'p50 {{route}}', 'B'),
    ),
  ];
}

export function lokiMetrics(): dashboard.Dashboard {
  const [writeRequests, writeLatency] = path('loki-write', 'Write');
  const [readRequests, readLatency] = path('loki-read', 'Read');
  const d = new dashboard.DashboardBuilder('Loki Metrics')
    .uid('loki-metrics')
    .description('Loki Simple Scalable Deployment: ingestion, the write and read paths, storage, errors and resources.')
    .tags(['loki', 'observability-lab'])
    .refresh('10s')
    .time({ from: 'now-15m', to: 'now' })
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .readonly();

  d.withRow(row('Overview'))
    .withPanel(
      single(
        'Lines received / s',
        'Log lines the distributors accept per second.',
        'short',
        `sum(rate(loki_distributor_lines_received_total[${rate}]))`,
      ),
    )
    .withPanel(
      single(
        'Bytes received / s',
        'Uncompressed log bytes the distributors accept per second.',
        'Bps',
        `sum(rate(loki_distributor_bytes_received_total[${rate}]))`,
      ),
    )
    .withPanel(
      single(
        'Active streams',
        "Streams held in the ingesters' memory: one per unique label set.",
        'short',
        'sum(loki_ingester_memory_streams)',
      ),
    )
    .withPanel(
      single(
        'Loki targets up',
        'Loki processes Prometheus can scrape (read, write, backend and their replicas).',
        'short',
        'sum(up{job=~"loki-.*"})',
      ),
    );

  d.withRow(row('Write path (loki-write)'))
    .withPanel(
      series(
        'Ingestion rate',
        'Lines and bytes per second arriving at the distributors.',
        'short',
        promQuery(`sum(rate(loki_distributor_lines_received_total[${rate}]))`, 'lines/s', 'A'),
        promQuery(`sum(rate(loki_distributor_bytes_received_total[${rate}]))`, 'bytes/s', 'B'),
      ),
    )
    .withPanel(writeRequests)
    .withPanel(writeLatency);

  d.withRow(row('Read path (loki-read)'))
    .withPanel(readRequests)
    .withPanel(readLatency)
    .withPanel(
      series(
        'Read: requests per replica',
        'Query requests each loki-read replica handles, one line per replica (its address). A query counts at the replica ' +
          "whose query-frontend the gateway picked and at the replica whose querier took it from loki-backend's scheduler: " +
          'scale loki-read out and every line carries part of the load.',
        'reqps',
        promQuery(
          `sum by (instance) (rate(loki_request_duration_seconds_count{job="loki-read", route=~"loki_api_v1_.+|api_prom_.+"}[${rate}]))`,
          '{{instance}}',
        ),
      ),
    );

  d.withRow(row('Backend (loki-backend): the read path goes through it'))
    .withPanel(
      series(
        'Query scheduler: queue and workers',
        "Queries waiting in loki-backend's query-scheduler, and the querier workers of all loki-read replicas connected to it.",
        'short',
        promQuery('sum(loki_query_scheduler_queue_length)', 'queued', 'A'),
        promQuery('sum(loki_query_scheduler_connected_querier_clients)', 'querier workers', 'B'),
      ),
    )
    .withPanel(
      series(
        'Query scheduler: requests handed out per second',
        'Requests (queries and their split parts) the scheduler hands to querier workers.',
        'reqps',
        promQuery(`sum(rate(loki_query_scheduler_queue_duration_seconds_count[${rate}]))`, 'dequeued'),
      ),
    )
    .withPanel(
      series(
        'Index gateway: requests per second by method',
        "Index lookups the queriers ask of loki-backend's index gateway instead of reading the index themselves.",
        'reqps',
        promQuery(
          `sum by (route) (rate(loki_request_duration_seconds_count{job="loki-backend", route=~"/indexgatewaypb.IndexGateway/.+"}[${rate}]))`,
          '{{route}}',
        ),
      ),
    );

  d.withRow(row('Storage'))
    .withPanel(
      series(
        'Chunks flushed by reason',
        'Chunks the ingesters write to object storage per second; the reason says why (full, idle, max age, ...).',
        'short',
        promQuery(`sum by (reason) (rate(loki_ingester_chunks_flushed_total[${rate}]))`, '{{reason}}'),
      ),
    )
    .withPanel(
      series(
        'Chunk utilisation',
        'How full flushed chunks are, relative to the target chunk size (median).',
        'percentunit',
        promQuery(`histogram_quantile(0.5, sum by (le) (rate(loki_ingester_chunk_utilization_bucket[${rate}])))`, 'median'),
      ),
    )
    .withPanel(
      series(
        'Chunks in memory',
        'Chunks the ingesters hold before flushing them to MinIO.',
        'short',
        promQuery('sum(loki_ingester_memory_chunks)', 'chunks'),
      ),
    );

  d.withRow(row('Errors'))
    .withPanel(
      series(
        '5xx responses by target and route',
        'Failed requests per second; should stay at zero.',
        'reqps',
        promQuery(`sum by (job, route) (rate(loki_request_duration_seconds_count{status_code=~"5.."}[${rate}]))`, '{{job}} {{route}}'),
      ),
    )
    .withPanel(
      series(
        'Discarded lines by reason',
        'Lines Loki refused (rate limits, too old, too long, ...).',
        'short',
        promQuery(`sum by (reason) (rate(loki_discarded_samples_total[${rate}]))`, '{{reason}}'),
      ),
    );

  d.withRow(row('Resources'))
    .withPanel(
      series(
        'Memory by component',
        'Resident memory of each Loki process, compared with its limit in compose.yaml.',
        'bytes',
        promQuery('sum by (job) (process_resident_memory_bytes{job=~"loki-.*"})', '{{job}}'),
      ),
    )
    .withPanel(
      series(
        'CPU by component',
        'CPU cores used by each Loki process.',
        'short',
        promQuery(`sum by (job) (rate(process_cpu_seconds_total{job=~"loki-.*"}[${rate}]))`, '{{job}}'),
      ),
    );

  return d.build();
}
