// Before a live project runs: is its lab up, and on which host ports did Docker publish it? If it
// is not up, end at once with one clear line instead of letting every test time out.
import { hostUrl, LabError } from '@obslab/runner';
import { publishedNow } from '@obslab/runner/live';
import { requestedProjects, running, sharePorts } from './labs.ts';

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
    const lab = running(id);
    const ports = await publishedNow(id).catch((err: unknown) => {
      console.error(err instanceof LabError ? `${err.message}${err.hint ? `\n  -> ${err.hint}` : ''}` : String(err));
      process.exit(2);
    });
    if (ports.size === 0) {
      console.error(`${id} lab is not running: start it with \`pnpm lab:${id}\`.`);
      process.exit(2);
    }
    sharePorts(id, ports);
    const urls = lab.manifest.urls.map((u) => hostUrl(lab, u, ports));
    const down = [];
    for (const url of urls) if (!(await answers(url))) down.push(url);
    if (down.length > 0) console.warn(`${id} lab: not answering yet: ${down.join(', ')}`);
  }
}
