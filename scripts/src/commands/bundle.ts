import { $ } from 'zx';
import { ensureDocker } from '../docker.ts';
import { LabError } from '../errors.ts';
import { buildImages, everyVariant, missingImages, pullMissing, serviceImages } from '../images.ts';
import { labConfig } from '../lab-config.ts';
import { fromUserDir } from '../user-path.ts';
import type { CommandInput } from './registry.ts';

/** Saves every image of every variant into one archive; images already here are used as they are. */
export async function run({ lab, args }: CommandInput): Promise<void> {
  await ensureDocker();
  const file = args.positionals[0] ?? `${lab.id}-images.tar`;
  const all = new Set<string>();
  for (const selection of everyVariant(lab)) {
    const images = serviceImages(await labConfig(lab, selection));
    await pullMissing(lab, selection, images);
    const builtMissing = await missingImages(images.filter((i) => i.built).map((i) => i.image));
    await buildImages(
      lab,
      selection,
      images.filter((i) => builtMissing.includes(i.image)),
    );
    for (const i of images) all.add(i.image);
  }
  const list = [...all].sort();
  const target = fromUserDir(file);
  console.log(`Saving ${list.length} images to ${target}:\n  ${list.join('\n  ')}`);
  const out = await $({ stdio: 'inherit', nothrow: true })`docker save -o ${target} ${list}`;
  if (out.exitCode !== 0) throw new LabError('docker save failed.', 'Is there enough free disk space?');
  console.log(`Done. On each laptop: pnpm lab:${lab.id} load ${file}`);
}
