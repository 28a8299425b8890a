// The URL table: lab.yaml's URLs with the host ports Docker really published, and the logins.
import type { LivePorts } from './containers.ts';
import { interpolate, labEnv } from './interpolate.ts';
import { hostUrl, type Lab } from './labs.ts';
import { table } from './table.ts';

function urlRows(lab: Lab, live?: LivePorts): string[][] {
  const vars = labEnv(lab.dir);
  return lab.manifest.urls.map((u) => [
    u.name,
    hostUrl(lab, u, live),
    u.login ? `${interpolate(u.login.user, vars)} / ${interpolate(u.login.password, vars)}` : '',
  ]);
}

export function printUrls(lab: Lab, live?: LivePorts): void {
  console.log(table(['open', 'URL', 'login'], urlRows(lab, live)));
}
