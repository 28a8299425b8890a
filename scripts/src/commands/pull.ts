import { composeInteractive, ensureDocker } from '../docker.ts';
import { LabError } from '../errors.ts';
import { everyVariant, variantName } from '../images.ts';
import type { CommandInput } from './registry.ts';

/** Refreshes every image of every variant from the network, and builds the lab's own. */
export async function run({ lab }: CommandInput): Promise<void> {
  await ensureDocker();
  for (const selection of everyVariant(lab)) {
    console.log(`Pulling and building the images of ${lab.id} (${variantName(selection)})`);
    if ((await composeInteractive(lab, selection, ['pull', '--ignore-buildable'])) !== 0) {
      throw new LabError('Pulling images failed.', `Check the network, or load an offline kit: \`pnpm lab:${lab.id} load <file>\`.`);
    }
    if ((await composeInteractive(lab, selection, ['build'])) !== 0) throw new LabError('Building images failed.');
  }
}
