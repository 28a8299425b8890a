// Building blocks shared by the lab's dashboards.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** Datasource UIDs provisioned by labs/loki/config/grafana/provisioning/datasources. */
export const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };
export const LOKI = { type: 'loki', uid: 'loki' };

export function promQuery(expr: string, legend: string, refId = 'A'): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend).refId(refId).range();
}

export function lokiQuery(expr: string, legend = '', refId = 'A'): loki.DataqueryBuilder {
  const q = new loki.DataqueryBuilder().datasource(LOKI).expr(expr).refId(refId);
  return legend ? q.legendFormat(legend) : q;
}

/** A half-width time series panel: one datasource, one or more queries. */
export function series(
  datasource: typeof PROMETHEUS | typeof LOKI,
  title: string,
  description: string,
  unit: string,
  ...targets: (prometheus.DataqueryBuilder | loki.DataqueryBuilder)[]
): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder().title(title).description(description).datasource(datasource).unit(unit).height(8).span(12);
  for (const t of targets) panel.withTarget(t);
  return panel;
}

export function row(title: string): dashboard.RowBuilder {
  return new dashboard.RowBuilder(title);
}

/** Serialises a dashboard the same way every time (the tests compare bytes). */
export function toJson(built: unknown): string {
  return `${JSON.stringify(built, null, 2)}\n`;
}
