// `doctor --offline`: can this laptop start the lab with no network at all? One yes/no per item:
// every image `up` needs (any variant) is here and is the kit's, the lab's built image is current,
// the node dependencies match the lockfile, and the kit's docs site is there to read.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleBuildTags } from './build-tag.ts';
import { LabError } from './errors.ts';
import { inspectImages } from './images.ts';
import { findLabKit, type LabKit, matchImage, readLabKit } from './kit.ts';
import { siteDir } from './kit-workspace.ts';
import { byImage, labImages } from './lab-images.ts';
import { type Lab, repoRoot } from './labs.ts';
import type { Finding } from './preflight.ts';

/** The kit named with --kit, or the default one when it exists; undefined when there is none to compare with. */
function kitFor(lab: Lab, given: string | undefined): { kit?: LabKit; finding: Finding } {
  const files = findLabKit(given, lab.id);
  if (given === undefined && !existsSync(files.manifest)) {
    return {
      finding: {
        check: 'kit',
        verdict: 'warn',
        detail: `no kit at ${files.dir}: images are checked for presence only`,
        hint: 'Name the kit: --kit <kit folder>',
      },
    };
  }
  try {
    const kit = readLabKit(files, lab.id);
    return { kit, finding: { check: 'kit', verdict: 'ok', detail: `${files.manifest} (made ${kit.createdAt.slice(0, 10)})` } };
  } catch (err) {
    if (!(err instanceof LabError)) throw err;
    return { finding: { check: 'kit', verdict: 'fail', detail: err.message, hint: err.hint } };
  }
}

/** The `importers` part of a pnpm lockfile: what each workspace package depends on, resolved. */
function importers(lockfile: string): string | undefined {
  if (!existsSync(lockfile)) return undefined;
  const text = readFileSync(lockfile, 'utf8');
  return /\nimporters:\n([\s\S]*?)(\n\S|$)/.exec(text)?.[1];
}

/** pnpm keeps a copy of the lockfile it installed from in node_modules/.pnpm/lock.yaml. */
export function nodeDepsFinding(root = repoRoot): Finding {
  const wanted = importers(join(root, 'pnpm-lock.yaml'));
  const installed = importers(join(root, 'node_modules', '.pnpm', 'lock.yaml'));
  const hint = 'Install them from the kit: `pnpm install --offline --store-dir <kit folder>/pnpm-store`';
  if (installed === undefined) return { check: 'node deps', verdict: 'fail', detail: 'not installed (no node_modules)', hint };
  if (installed !== wanted)
    return { check: 'node deps', verdict: 'fail', detail: 'installed from another pnpm-lock.yaml than this checkout has', hint };
  return { check: 'node deps', verdict: 'ok', detail: 'installed, matching pnpm-lock.yaml' };
}

export async function offlineFindings(lab: Lab, kitGiven: string | undefined): Promise<Finding[]> {
  const { kit, finding } = kitFor(lab, kitGiven);
  const findings: Finding[] = [finding];
  const needed = byImage(labImages(lab)).filter((n) => n.role !== 'base');
  const here = await inspectImages(needed.map((n) => n.image));
  const load = `\`pnpm lab:${lab.id} load${kitGiven ? ` ${kitGiven}` : ''}\``;
  for (const n of needed) {
    const check = `image`;
    const recorded = kit?.images.find((i) => i.image === n.image);
    const match = recorded ? matchImage(recorded, here.get(n.image)) : here.has(n.image) ? 'same' : 'missing';
    if (match === 'missing') findings.push({ check, verdict: 'fail', detail: `${n.image} is missing`, hint: `Load the kit: ${load}` });
    else if (match === 'different')
      findings.push({ check, verdict: 'fail', detail: `${n.image} is not the image the kit holds`, hint: `Load the kit again: ${load}` });
    else if (kit && !recorded)
      findings.push({ check, verdict: 'warn', detail: `${n.image} is here, but the kit does not hold it (another checkout's kit?)` });
    else findings.push({ check, verdict: 'ok', detail: `${n.image}${recorded ? ' (the kit’s)' : ''}` });
  }
  for (const s of staleBuildTags(lab)) {
    findings.push({
      check: 'built image',
      verdict: 'warn',
      detail: `${s.service}'s files changed since ${s.file} named ${s.written}: up would run the image of the old files`,
      hint: 'Run `pnpm build-tags` (needs a network to rebuild), or put the files back: `git checkout -- <the lab folder>`',
    });
  }
  findings.push(nodeDepsFinding());
  const site = kit ? siteDir(findLabKit(kitGiven, lab.id).dir) : undefined;
  findings.push(
    site && existsSync(join(site, 'index.html'))
      ? { check: 'docs', verdict: 'ok', detail: `prebuilt site in the kit: \`pnpm kit docs${kitGiven ? ` ${kitGiven}` : ''}\` serves it` }
      : { check: 'docs', verdict: 'warn', detail: 'no prebuilt docs site in the kit', hint: 'The instructor adds it with `pnpm kit pack`' },
  );
  return findings;
}
