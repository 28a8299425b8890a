import { join } from 'node:path';
import { repoRoot } from '@obslab/runner';
import { appLogs } from './app-logs.ts';
import { toJson } from './common.ts';
import { lokiDistributed } from './loki-distributed.ts';
import { lokiMetrics } from './loki-metrics.ts';

export const DASHBOARD_DIR = join(repoRoot, 'labs', 'loki', 'config', 'grafana', 'dashboards');

/** Every generated dashboard: where it goes and its exact bytes. */
export function dashboardFiles(): { path: string; json: string; dashboard: ReturnType<typeof lokiMetrics> }[] {
  return [
    { name: 'loki-metrics.json', dashboard: lokiMetrics() },
    { name: 'app-logs.json', dashboard: appLogs() },
    { name: 'loki-distributed.json', dashboard: lokiDistributed() },
  ].map(({ name, dashboard }) => ({ path: join(DASHBOARD_DIR, name), json: toJson(dashboard), dashboard }));
}
