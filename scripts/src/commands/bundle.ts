import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { $ } from 'zx';
import { ensureDocker } from '../docker.ts';
import { LabError } from '../errors.ts';
import { ensureImages, heartbeat, inspectImages } from '../images.ts';
import { DEFAULT_KIT, type LabKit, labKitFiles, repoCommit, sha256File } from '../kit.ts';
import { byImage, labImages, selectionImages } from '../lab-images.ts';
import { sizeText } from '../resources.ts';
import { everyVariant } from '../selection.ts';
import { dim, seconds, table, yellow } from '../table.ts';
import { fromUserDir } from '../user-path.ts';
import { pullEverything } from './pull.ts';
import type { CommandInput } from './registry.ts';

/**
 * Saves every image of every variant and profile into the kit folder, with a description of what
 * it holds. Works from the images on this machine; `--pull` refreshes them from the network first.
 */
export async function run({ lab, args }: CommandInput): Promise<void> {
  const started = Date.now();
  await ensureDocker();
  const given = args.positionals[0] ?? DEFAULT_KIT;
  const files = labKitFiles(fromUserDir(given), lab.id);
  if (args.flags.pull) await pullEverything(lab);

  const needed = byImage(labImages(lab));
  const here = await inspectImages(needed.map((n) => n.image));
  const absent = needed.filter((n) => n.role === 'pull' && !here.has(n.image)).map((n) => n.image);
  const builtAbsent = needed.filter((n) => n.role === 'build' && !here.has(n.image));
  const buildsNeeding = new Set(builtAbsent.flatMap((n) => n.uses.map((u) => u.service)));
  const basesAbsent = needed.filter((n) => n.role === 'base' && !here.has(n.image));
  const blocking = [...absent, ...basesAbsent.filter((b) => b.uses.some((u) => buildsNeeding.has(u.service))).map((b) => b.image)];
  if (blocking.length > 0) {
    throw new LabError(
      `Not on this machine: ${blocking.join(', ')}. bundle saves the images that are here and downloads nothing unless asked.`,
      `With a network: \`pnpm lab:${lab.id} bundle${given === DEFAULT_KIT ? '' : ` ${given}`} --pull\` (or \`pnpm lab:${lab.id} pull\` first).`,
    );
  }
  // The lab's own images are built when missing (their bases are here: checked above).
  for (const selection of everyVariant(lab)) await ensureImages(lab, selection, selectionImages(lab, selection));
  for (const base of basesAbsent.filter((b) => !blocking.includes(b.image))) {
    console.log(yellow(`Not in the kit: ${base.image} (only needed to rebuild ${base.uses[0]?.service}; \`bundle --pull\` adds it).`));
  }

  const saved = needed.filter((n) => !basesAbsent.includes(n));
  const facts = await inspectImages(saved.map((n) => n.image));
  mkdirSync(files.dir, { recursive: true });
  // Written aside and renamed when complete, so an interrupted bundle never looks like a kit.
  const partial = `${files.archive}.partial`;
  console.log(`Saving ${saved.length} images to ${files.archive}`);
  const stop = heartbeat('saving');
  const out = await $({ quiet: true, nothrow: true })`docker save -o ${partial} ${saved.map((n) => n.image)}`;
  stop();
  if (out.exitCode !== 0) {
    rmSync(partial, { force: true });
    throw new LabError(
      `docker save failed: ${out.stderr.trim().split('\n').at(-1)}`,
      'Is there enough free disk space where the kit goes?',
    );
  }
  const commit = repoCommit();
  const kit: LabKit = {
    format: 1,
    lab: lab.id,
    createdAt: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    archive: { file: `${lab.id}-images.tar`, bytes: statSync(partial).size, sha256: await sha256File(partial) },
    images: saved.map((n) => {
      const f = facts.get(n.image);
      if (!f) throw new LabError(`${n.image} disappeared while the kit was being made.`, 'Run bundle again.');
      return { image: n.image, role: n.role, ...f, usedBy: [...new Set(n.uses.map((u) => u.where))] };
    }),
  };
  renameSync(partial, files.archive);
  writeFileSync(files.manifest, `${JSON.stringify(kit, null, 2)}\n`);

  const platforms = [...new Set(kit.images.map((i) => i.platform))];
  console.log(
    table(
      ['image', 'role', 'size', 'platform'],
      kit.images.map((i) => [i.image, i.role, sizeText(i.size), i.platform]),
    ),
  );
  console.log(
    `\nKit for ${lab.id}: ${relative(process.env.INIT_CWD ?? process.cwd(), files.archive) || files.archive} (${sizeText(kit.archive.bytes)}) ` +
      `and ${lab.id}-images.json, in ${seconds(Date.now() - started)}.`,
  );
  if (platforms.length > 1)
    console.log(yellow(`The images are for several platforms (${platforms.join(', ')}): a laptop runs only its own.`));
  console.log(dim(`For laptops with ${platforms.join(', ')}. On each: pnpm lab:${lab.id} load${given === DEFAULT_KIT ? '' : ` ${given}`}`));
}
