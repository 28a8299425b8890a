// "App logs": what the lab's app and Nginx write, read through Loki with LogQL.
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import { LOKI, lokiQuery, series as lokiSeries, row } from './common.ts';

const series = (title: string, description: string, unit: string, ...targets: ReturnType<typeof lokiQuery>[]) =>
  lokiSeries(LOKI, title, description, unit, ...targets);

export function appLogs(): dashboard.Dashboard {
  const d = new dashboard.DashboardBuilder('App logs')
    .uid('app-logs')
    .description("The lab app's and Nginx's logs: volume, errors, status codes and latency.")
    .tags(['loki', 'logs', 'observability-lab'])
    .refresh('10s')
    .time({ from: 'now-15m', to: 'now' })
    .readonly();

  d.withRow(row('Volume'))
    .withPanel(
      series(
        'Log lines by level (app)',
        'Lines per interval, by the level the collector lifted into a label.',
        'short',
        lokiQuery('sum by (level) (count_over_time({job="docker", service="app"} [$__auto]))', '{{level}}'),
      ),
    )
    .withPanel(
      series(
        'Log lines by service',
        'Lines per interval from each labelled container.',
        'short',
        lokiQuery('sum by (service) (count_over_time({job="docker"} [$__auto]))', '{{service}}'),
      ),
    );

  d.withRow(row('Errors'))
    .withPanel(
      series(
        'App error lines per second',
        'Lines at level error (failed requests and exceptions).',
        'short',
        lokiQuery('sum(rate({service="app", level="error"} [$__auto]))', 'errors/s'),
      ),
    )
    .withPanel(
      new logs.PanelBuilder()
        .title('Latest error lines')
        .description('The newest app lines at level error, with their exception when there is one.')
        .datasource(LOKI)
        .height(8)
        .span(12)
        .showTime(true)
        .wrapLogMessage(true)
        .sortOrder(common.LogsSortOrder.Descending)
        .withTarget(lokiQuery('{service="app", level="error"}')),
    );

  d.withRow(row('HTTP'))
    .withPanel(
      series(
        'Nginx responses by status',
        'Access-log lines per interval, by HTTP status (from the JSON access log).',
        'short',
        lokiQuery('sum by (status) (count_over_time({service="nginx"} | json | __error__="" [$__auto]))', '{{status}}'),
      ),
    )
    .withPanel(
      series(
        'App p95 latency by route',
        "95th percentile of the app's own latency_ms, by route template.",
        'ms',
        lokiQuery('quantile_over_time(0.95, {service="app"} | json | unwrap latency_ms | __error__="" [$__auto]) by (route)', '{{route}}'),
      ),
    );

  return d.build();
}
