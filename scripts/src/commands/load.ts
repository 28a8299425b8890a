import { $ } from 'zx';
import { engineInfo, ensureDocker } from '../docker.ts';
import { LabError } from '../errors.ts';
import { heartbeat, inspectImages } from '../images.ts';
import { archiveProblem, findLabKit, foreignPlatforms, type LabKit, matchImage, readLabKit, repoCommit } from '../kit.ts';
import { byImage, labImages } from '../lab-images.ts';
import type { Lab } from '../labs.ts';
import { sizeText } from '../resources.ts';
import { bold, green, red, seconds } from '../table.ts';
import type { CommandInput } from './registry.ts';

/** Images this checkout's compose files need that the kit does not hold (a kit made from another commit). */
function lackingFromKit(lab: Lab, kit: LabKit): string[] {
  const held = new Set(kit.images.map((i) => i.image));
  return byImage(labImages(lab))
    .filter((n) => n.role !== 'base' && !held.has(n.image))
    .map((n) => n.image);
}

function otherCommitHint(kit: LabKit): string {
  const here = repoCommit();
  const made = kit.commit ? `The kit was made at commit ${kit.commit.slice(0, 12)}` : 'The kit was made from another checkout';
  return `${made}${here ? `; this repository is at ${here.slice(0, 12)}` : ''}. Use the repository copy in the kit (see the instructor guide), or ask for a kit made from this checkout.`;
}

/** Loads the lab's archive from a kit, after checking it is whole and for this CPU; then checks every image. */
export async function run({ lab, args }: CommandInput): Promise<void> {
  const started = Date.now();
  const files = findLabKit(args.positionals[0], lab.id);
  const kit = readLabKit(files, lab.id);
  await ensureDocker();
  const { architecture } = await engineInfo();
  const foreign = foreignPlatforms(kit, architecture);
  if (foreign.length > 0) {
    throw new LabError(
      `This kit holds ${[...new Set(foreign.map((i) => i.platform))].join(', ')} images; this Docker runs ${architecture}.`,
      'A laptop runs images of its own CPU only: use a kit made on a machine with the same CPU (the instructor guide says how).',
      3,
    );
  }
  const refs = kit.images.map((i) => i.image);
  let here = await inspectImages(refs);
  const good = (i: LabKit['images'][number]) => ['same', 'same-layers'].includes(matchImage(i, here.get(i.image)));
  if (kit.images.every(good)) {
    console.log(`Every image of the kit is already on this machine: nothing to load.`);
  } else {
    const problem = await archiveProblem(files, kit);
    if (problem) throw new LabError(`The kit is not whole: ${problem}.`, 'Copy the kit folder again (all of it), then run load again.');
    console.log(`Loading ${refs.length} images (${sizeText(kit.archive.bytes)}) from ${files.archive}`);
    const stop = heartbeat('loading');
    const out = await $({ quiet: true, nothrow: true })`docker load -i ${files.archive}`;
    stop();
    if (out.exitCode !== 0) {
      throw new LabError(
        `docker load failed: ${out.stderr.trim().split('\n').at(-1)}`,
        'Is there enough free disk space for Docker (Docker Desktop: Settings > Resources)? Then run load again.',
      );
    }
    here = await inspectImages(refs);
  }
  for (const i of kit.images) {
    const match = matchImage(i, here.get(i.image));
    const mark = match === 'same' || match === 'same-layers' ? green('✔') : red('✘');
    const detail = {
      same: '',
      'same-layers': ' (same layers; this Docker gives it another ID)',
      different: ' NOT the image the kit holds',
      missing: ' missing',
    }[match];
    console.log(`  ${mark} ${i.image}${detail}`);
  }
  const bad = kit.images.filter((i) => !good(i));
  if (bad.length > 0)
    throw new LabError(
      `After loading, ${bad.map((i) => i.image).join(', ')} is still not the kit's image.`,
      'Run load again; if it persists, copy the kit again.',
    );
  const lacking = lackingFromKit(lab, kit);
  if (lacking.length > 0)
    throw new LabError(
      `The kit does not hold ${lacking.join(', ')}, which this checkout of the ${lab.id} lab needs.`,
      otherCommitHint(kit),
    );
  console.log(
    `\n${bold('Loaded')} in ${seconds(Date.now() - started)}. Check the laptop: pnpm lab:${lab.id} doctor --offline; then start the lab: pnpm lab:${lab.id}`,
  );
}
