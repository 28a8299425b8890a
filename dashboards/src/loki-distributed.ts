// "Loki distributed": the components of the lab's distributed mode, one row each: the
// distributor, the ingester ring, the query-scheduler's queue and the queriers. Every metric is
// listed with its source in test/metrics.ts; the Prometheus jobs are the lab's prometheus.yml.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS, series as prometheusSeries, promQuery, row } from './common.ts';

const rate = '$__rate_interval';

const series = (title: string, description: string, unit: string, ...targets: ReturnType<typeof promQuery>[]) =>
  prometheusSeries(PROMETHEUS, title, description, unit, ...targets);

export function lokiDistributed(): dashboard.Dashboard {
  const d = new dashboard.DashboardBuilder('Loki distributed')
    .uid('loki-distributed')
    .description(
      'The distributed (microservices) mode of the Loki lab: what the distributor sends to the three ingesters, the ingester ring, ' +
        "the query-scheduler's queue and the work each querier takes from it.",
    )
    .tags(['loki', 'observability-lab'])
    .refresh('10s')
    .time({ from: 'now-15m', to: 'now' })
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .readonly();

  d.withRow(row('Distributor: every push goes to three ingesters'))
    .withPanel(
      series(
        'Bytes in, and appends sent to ingesters',
        'Log bytes the distributor accepts per second, and the appends it sends to ingesters: with replication factor 3, ' +
          'three per stream of each push.',
        'short',
        promQuery(`sum(rate(loki_distributor_bytes_received_total{job="loki-distributor"}[${rate}]))`, 'bytes in / s', 'A'),
        promQuery(`sum by (ingester) (rate(loki_distributor_ingester_appends_total[${rate}]))`, 'appends / s to {{ingester}}', 'B'),
      ),
    )
    .withPanel(
      series(
        'Pushes by status code',
        'Push requests the distributor answers per second. With one ingester down, 2 of 3 still make a quorum: no 5xx.',
        'reqps',
        promQuery(
          `sum by (status_code) (rate(loki_request_duration_seconds_count{job="loki-distributor", route="loki_api_v1_push"}[${rate}]))`,
          '{{status_code}}',
        ),
      ),
    );

  d.withRow(row('Ingester ring'))
    .withPanel(
      series(
        'Ingesters by ring state',
        'Ingesters in the ring as the distributor sees them: three ACTIVE normally; a stopped ingester shows as LEAVING, ' +
          'then Unhealthy when its heartbeat is too old.',
        'short',
        promQuery('max by (state) (loki_ring_members{job="loki-distributor", name="ingester"})', '{{state}}'),
      ),
    )
    .withPanel(
      series(
        'Streams and WAL bytes per ingester',
        'Each ingester holds a copy of every stream (replication factor 3 with three ingesters) and logs it to its own WAL.',
        'short',
        promQuery('sum by (instance) (loki_ingester_memory_streams{job="loki-ingester"})', 'streams {{instance}}', 'A'),
        promQuery(`sum by (instance) (rate(loki_ingester_wal_logged_bytes_total[${rate}]))`, 'WAL bytes/s {{instance}}', 'B'),
      ),
    )
    .withPanel(
      series(
        'Chunks uploaded per ingester',
        'Chunks each ingester writes to MinIO per second. Replicas of a stream cut the same chunk, which has the same object key: ' +
          'three uploads, one object.',
        'short',
        promQuery(`sum by (instance) (rate(loki_ingester_chunks_stored_total[${rate}]))`, '{{instance}}'),
      ),
    );

  d.withRow(row('Query scheduler queue'))
    .withPanel(
      series(
        'Queue length and connected workers',
        'Requests waiting in the query-scheduler, and the querier workers connected to it (each querier opens several).',
        'short',
        promQuery('sum(loki_query_scheduler_queue_length{job="loki-query-scheduler"})', 'queued', 'A'),
        promQuery('sum(loki_query_scheduler_connected_querier_clients{job="loki-query-scheduler"})', 'querier workers', 'B'),
      ),
    )
    .withPanel(
      series(
        'Time in the queue',
        'How long requests wait before a querier takes them (p99 and p50): it grows when the queriers are too few.',
        's',
        promQuery(`histogram_quantile(0.99, sum by (le) (rate(loki_query_scheduler_queue_duration_seconds_bucket[${rate}])))`, 'p99', 'A'),
        promQuery(`histogram_quantile(0.5, sum by (le) (rate(loki_query_scheduler_queue_duration_seconds_bucket[${rate}])))`, 'p50', 'B'),
      ),
    );

  d.withRow(row('Queriers'))
    .withPanel(
      series(
        'Requests finished per querier',
        'Requests each querier replica took from the queue and answered, one line per replica: scale the queriers out and the ' +
          'scheduler spreads the work over all of them.',
        'reqps',
        promQuery(
          `sum by (instance) (rate(loki_querier_query_frontend_request_duration_seconds_count{job="loki-querier"}[${rate}]))`,
          '{{instance}}',
        ),
      ),
    )
    .withPanel(
      series(
        'Busy workers per querier',
        'Queries each querier is running now, out of its worker concurrency.',
        'short',
        promQuery('sum by (instance) (loki_querier_worker_inflight_queries{job="loki-querier"})', 'busy {{instance}}', 'A'),
        promQuery('sum by (instance) (loki_querier_worker_concurrency{job="loki-querier"})', 'workers {{instance}}', 'B'),
      ),
    );

  return d.build();
}
