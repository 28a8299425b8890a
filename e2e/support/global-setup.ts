// Before a live project runs: is its lab up? If not, end at once with one clear line instead
// of letting every test time out against a closed port.
import { findLab, hostUrl } from '@obslab/runner';
import { requestedProjects } from './labs.ts';

const LIVE: Record<string, string> = { 'loki-live': 'loki', 'jaeger-live': 'jaeger' };

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  for (const project of requestedProjects(process.argv)) {
    const id = LIVE[project];
    if (!id) continue;
    const lab = findLab(id);
    const urls = lab.manifest.urls.map((u) => hostUrl(lab, u));
    const down = [];
    for (const url of urls) if (!(await answers(url))) down.push(url);
    if (down.length === urls.length) {
      console.error(`${id} lab is not running: start it with \`pnpm lab:${id}\` (nothing answers at ${urls[0]}).`);
      process.exit(2);
    }
    if (down.length > 0) console.warn(`${id} lab: not answering yet: ${down.join(', ')}`);
  }
}
