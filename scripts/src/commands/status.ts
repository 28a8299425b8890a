import { livePorts } from '../containers.ts';
import { serviceStatus } from '../health.ts';
import { expectedServices, labConfig } from '../lab-config.ts';
import { lookAtLab } from '../live.ts';
import { savedSelection } from '../selection.ts';
import { bold, table } from '../table.ts';
import { printUrls } from '../urls.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab }: CommandInput): Promise<void> {
  const selection = savedSelection(lab);
  const [config, containers] = await Promise.all([labConfig(lab, selection), lookAtLab(lab, selection)]);
  if (containers.length === 0) {
    console.log(`${lab.id} is not running. Start it with \`pnpm lab:${lab.id}\`.`);
    return;
  }
  const rows = expectedServices(config).map((s) => {
    const st = serviceStatus(s.name, containers, s.hasHealthcheck);
    return [s.name, st.phase, st.detail];
  });
  const variant =
    Object.entries(selection.choices)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'default';
  console.log(bold(`${lab.id}: ${variant}`));
  console.log(table(['service', 'phase', 'state'], rows));
  console.log('');
  printUrls(lab, livePorts(containers));
}
