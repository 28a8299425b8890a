// The images of a lab on this engine: what is here (ID, layers, size, platform), getting what is
// missing (pull, or build the lab's own), with visible progress. Which images a lab needs comes
// from lab-images.ts; up, pull, bundle, load and doctor --offline all go through here.
import { $ } from 'zx';
import { composeBackground } from './docker.ts';
import { LabError } from './errors.ts';
import { kitHint } from './kit.ts';
import { byImage, type ImageUse } from './lab-images.ts';
import type { Lab } from './labs.ts';
import type { Selection } from './selection.ts';
import { dim, seconds } from './table.ts';

export interface ImageFacts {
  id: string;
  /** Uncompressed layer digests (RootFS.Layers). */
  layers: string[];
  repoDigests: string[];
  size: number;
  platform: string;
}

async function inspectOne(ref: string): Promise<ImageFacts | undefined> {
  const out = await $({ quiet: true, nothrow: true, timeout: '30s' })`docker image inspect ${ref}`;
  if (out.exitCode !== 0) return undefined;
  const [i] = JSON.parse(out.stdout) as {
    Id: string;
    RepoDigests?: string[] | null;
    Size: number;
    Os: string;
    Architecture: string;
    Variant?: string;
    RootFS?: { Layers?: string[] };
  }[];
  if (!i) return undefined;
  return {
    id: i.Id,
    layers: i.RootFS?.Layers ?? [],
    repoDigests: i.RepoDigests ?? [],
    size: i.Size,
    platform: [i.Os, i.Architecture, i.Variant].filter(Boolean).join('/'),
  };
}

/** What this engine holds of `refs`; a missing image has no entry. */
export async function inspectImages(refs: string[]): Promise<Map<string, ImageFacts>> {
  const unique = [...new Set(refs)];
  const facts = await Promise.all(unique.map(inspectOne));
  return new Map(unique.flatMap((ref, i) => (facts[i] ? [[ref, facts[i]] as const] : [])));
}

/** Images of `refs` that this engine does not hold. */
export async function missingImages(refs: string[]): Promise<string[]> {
  const here = await inspectImages(refs);
  return [...new Set(refs)].filter((ref) => !here.has(ref));
}

/** Prints "still <doing> (1m30s)" every 15 s while a long step runs, so a slow download is never silence. */
export function heartbeat(doing: string): () => void {
  const started = Date.now();
  const timer = setInterval(() => console.log(dim(`  … still ${doing} (${seconds(Date.now() - started)})`)), 15_000);
  return () => clearInterval(timer);
}

/** The line of `docker pull`'s output that says why it failed. */
function pullFailure(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.reverse().find((l) => /error|denied|not found|no such host|manifest unknown|timeout|refused/i.test(l)) ??
    lines[0] ??
    'no reason given'
  );
}

/**
 * Pulls `refs` from their registries, all at once as Compose does, a line per image as it lands.
 * Fails naming every image that could not be downloaded and why.
 */
export async function pullImages(lab: Lab, refs: string[], header: string): Promise<void> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return;
  console.log(header);
  const started = Date.now();
  const stop = heartbeat('downloading');
  const results = await Promise.all(
    unique.map(async (ref) => {
      const out = await $({ quiet: true, nothrow: true })`docker pull ${ref}`;
      if (out.exitCode === 0) console.log(dim(`  ${ref} pulled (${seconds(Date.now() - started)})`));
      return { ref, failed: out.exitCode === 0 ? undefined : pullFailure(out.stderr + out.stdout) };
    }),
  );
  stop();
  const failed = results.filter((r) => r.failed !== undefined);
  if (failed.length > 0) {
    throw new LabError(
      `Could not download ${failed.map((f) => f.ref).join(', ')}: ${failed[0]?.failed}`,
      `Check the network (and any proxy), then try again; or ${kitHint(lab.id)}.`,
    );
  }
  console.log(dim(`  downloaded in ${seconds(Date.now() - started)}`));
}

/** Builds the lab's own images for `services` (the Dockerfiles in the lab folder); fails with the build's last lines. */
export async function buildServices(lab: Lab, selection: Selection, services: string[]): Promise<void> {
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

/**
 * Makes every image of `uses` present: pulls the missing service images, and builds a lab image
 * only when it is missing (its tag follows its content, so a present one is current), pulling its
 * base first if that is missing too. Images already here are never fetched again.
 */
export async function ensureImages(lab: Lab, selection: Selection, uses: ImageUse[]): Promise<void> {
  const needed = byImage(uses);
  const missing = new Set(await missingImages(needed.map((n) => n.image)));
  const pulled = needed.filter((n) => n.role === 'pull' && missing.has(n.image)).map((n) => n.image);
  const built = needed.filter((n) => n.role === 'build' && missing.has(n.image));
  const builtServices = new Set(built.flatMap((n) => n.uses.filter((u) => u.role === 'build').map((u) => u.service)));
  const bases = needed.filter((n) => n.role === 'base' && missing.has(n.image) && n.uses.some((u) => builtServices.has(u.service)));
  const toPull = [...pulled, ...bases.map((b) => b.image)];
  await pullImages(
    lab,
    toPull,
    `Downloading ${toPull.length} image(s) not on this machine yet: ${toPull.join(', ')}\n` +
      dim('  (the first start only; several minutes on a slow network. A classroom kit avoids it: `bundle` and `load`.)'),
  );
  if (built.length > 0) {
    console.log(`Building ${built.map((b) => b.image).join(', ')} (not on this machine yet; once only)`);
    await buildServices(lab, selection, [...builtServices]);
  }
}
