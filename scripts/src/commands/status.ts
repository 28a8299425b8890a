import { compose } from '../docker.ts';
import { parsePs, serviceStatus } from '../health.ts';
import { interpolate, labEnv } from '../interpolate.ts';
import { hostUrl, type Lab } from '../labs.ts';
import type { Selection } from '../selection.ts';
import { bold, table } from '../table.ts';
import { expectedServices } from './up.ts';

export function urlRows(lab: Lab): string[][] {
  const vars = labEnv(lab.dir);
  return lab.manifest.urls.map((u) => [
    u.name,
    hostUrl(lab, u),
    u.login ? `${interpolate(u.login.user, vars)} / ${interpolate(u.login.password, vars)}` : '',
  ]);
}

export function printUrls(lab: Lab): void {
  console.log(table(['open', 'URL', 'login'], urlRows(lab)));
}

export async function status(lab: Lab, selection: Selection): Promise<void> {
  const services = await expectedServices(lab, selection);
  const containers = parsePs((await compose(lab, selection, ['ps', '--all', '--format', 'json'])).stdout);
  if (containers.length === 0) {
    console.log(`${lab.id} is not running. Start it with \`pnpm lab:${lab.id}\`.`);
    return;
  }
  const rows = services.map((s) => {
    const st = serviceStatus(s.name, containers, s.hasHealthcheck);
    return [s.name, st.phase, st.detail];
  });
  console.log(
    bold(
      `${lab.id}: ${
        Object.entries(selection.choices)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'default'
      }`,
    ),
  );
  console.log(table(['service', 'phase', 'state'], rows));
  console.log('');
  printUrls(lab);
}
