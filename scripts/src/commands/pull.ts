import { ensureDocker } from '../docker.ts';
import { ensureImages, pullImages } from '../images.ts';
import { byImage, labImages, selectionImages } from '../lab-images.ts';
import type { Lab } from '../labs.ts';
import { everyVariant } from '../selection.ts';
import type { CommandInput } from './registry.ts';

/**
 * Refreshes every image of every variant and profile from its registry (the bases of the lab's
 * own builds included), then builds the lab's images that are not here yet.
 */
export async function pullEverything(lab: Lab): Promise<void> {
  await ensureDocker();
  const refs = byImage(labImages(lab))
    .filter((n) => n.role !== 'build')
    .map((n) => n.image);
  await pullImages(lab, refs, `Pulling the ${refs.length} images of every variant of the ${lab.id} lab from their registries`);
  for (const selection of everyVariant(lab)) await ensureImages(lab, selection, selectionImages(lab, selection));
}

export async function run({ lab }: CommandInput): Promise<void> {
  await pullEverything(lab);
  console.log(`Every image of ${lab.id} is here. For a classroom without network: pnpm lab:${lab.id} bundle`);
}
