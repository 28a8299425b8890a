// `pnpm dashboards:build`: writes the dashboards where the Loki lab's Grafana provisions them.
import { writeFileSync } from 'node:fs';
import { dashboardFiles } from './files.ts';

for (const { path, json } of dashboardFiles()) {
  writeFileSync(path, json);
  console.log(`wrote ${path}`);
}
