// The images a lab runs: which it needs, which are missing here, and getting them (pull or
// build) with visible progress. Shared by up, pull and bundle.
import { $ } from 'zx';
import { composeBackground } from './docker.ts';
import { LabError } from './errors.ts';
import type { ResolvedConfig } from './lab-config.ts';
import type { Lab } from './labs.ts';
import { allSelections, declaredProfiles, type Selection, withProfiles } from './selection.ts';
import { dim, seconds } from './table.ts';

export interface ServiceImage {
  service: string;
  image: string;
  /** Built from a Dockerfile in the lab (never pulled). */
  built: boolean;
}

export function serviceImages(config: ResolvedConfig): ServiceImage[] {
  return Object.entries(config.services).map(([service, svc]) => ({
    service,
    // Compose names a built image without `image:` <project>-<service>.
    image: svc.image ?? `${config.name}-${service}`,
    built: svc.build !== undefined,
  }));
}

/** Images of `refs` that this engine does not hold (`docker image inspect` names each missing one). */
export async function missingImages(refs: string[]): Promise<string[]> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return [];
  const out = await $({ quiet: true, nothrow: true, timeout: '30s' })`docker image inspect --format ${'{{.Id}}'} ${unique}`;
  if (out.exitCode === 0) return [];
  return unique.filter((ref) => out.stderr.includes(`No such image: ${ref}`));
}

/** Every variant of the lab with all its profiles on, so no image is missed. */
export function everyVariant(lab: Lab): Selection[] {
  return allSelections(lab).map((s) => withProfiles(s, declaredProfiles(lab, s)));
}

export function variantName(selection: Selection): string {
  return (
    Object.entries(selection.choices)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'default'
  );
}

/** Prints "still <doing> (1m30s)" every 15 s while a long step runs, so a slow download is never silence. */
function heartbeat(doing: string): () => void {
  const started = Date.now();
  const timer = setInterval(() => console.log(dim(`  … still ${doing} (${seconds(Date.now() - started)})`)), 15_000);
  return () => clearInterval(timer);
}

/** Compose's per-service lines of a pull ("loki-read Pulled"), not its per-layer noise. */
const PULL_LINE = /^\s*\S+\s+(Pulling|Pulled|Skipped|Error|Warning)\b/;

/**
 * Pulls the images of `services` that are not on this machine. Prints which and why it may take a
 * while; fails naming the image that could not be downloaded.
 */
export async function pullMissing(lab: Lab, selection: Selection, images: ServiceImage[]): Promise<void> {
  const pulled = images.filter((i) => !i.built);
  const missing = new Set(await missingImages(pulled.map((i) => i.image)));
  const toPull = pulled.filter((i) => missing.has(i.image));
  if (toPull.length === 0) return;
  console.log(
    `Downloading ${missing.size} image(s) not on this machine yet: ${[...missing].join(', ')}\n` +
      dim('  (the first start only; several minutes on a slow network. A classroom kit avoids it: `bundle` and `load`.)'),
  );
  const started = Date.now();
  const stop = heartbeat('downloading');
  const run = composeBackground(lab, selection, ['--progress', 'plain', 'pull', ...new Set(toPull.map((i) => i.service))], (line) => {
    if (PULL_LINE.test(line)) console.log(dim(`  ${line.trim()}`));
  });
  const result = await run.done;
  stop();
  if (result.exitCode !== 0) {
    const reason =
      result.output
        .split('\n')
        .reverse()
        .find((l) => /error|denied|not found|no such host|manifest unknown|timeout/i.test(l))
        ?.trim() ?? `docker compose pull exited ${result.exitCode}`;
    const stillMissing = await missingImages(toPull.map((i) => i.image));
    throw new LabError(
      `Could not download ${stillMissing.join(', ') || 'every image'}: ${reason}`,
      `Check the network (and any proxy), then run \`pnpm lab:${lab.id}\` again; or load an offline kit: \`pnpm lab:${lab.id} load <file>\`.`,
    );
  }
  console.log(dim(`  downloaded in ${seconds(Date.now() - started)}`));
}

/** Builds the lab's own images (the Dockerfiles in the lab folder); fails with the build's last lines. */
export async function buildImages(lab: Lab, selection: Selection, images: ServiceImage[]): Promise<void> {
  const services = images.filter((i) => i.built).map((i) => i.service);
  if (services.length === 0) return;
  const started = Date.now();
  const stop = heartbeat(`building ${services.join(', ')}`);
  const result = await composeBackground(lab, selection, ['--progress', 'plain', 'build', ...services]).done;
  stop();
  if (result.exitCode !== 0) {
    const tail = result.output.trim().split('\n').slice(-25).join('\n');
    throw new LabError(
      `Building ${services.join(', ')} failed:\n${tail}`,
      `The build output above names the failing step; fix the Dockerfile or the files it copies in ${lab.dir}, then run \`pnpm lab:${lab.id}\` again.`,
    );
  }
  console.log(dim(`Built ${services.join(', ')} in ${seconds(Date.now() - started)}`));
}
