// pull / bundle / load: the offline kit for a classroom with a poor network.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { $ } from 'zx';
import { compose, composeInteractive, requireDockerBinary } from '../docker.ts';
import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import { allSelections, declaredProfiles, withProfiles } from '../selection.ts';

/** Every variant of the lab with all its profiles on, so no image is missed. */
function variants(lab: Lab) {
  return allSelections(lab).map((s) => withProfiles(s, declaredProfiles(lab, s)));
}

export async function images(lab: Lab): Promise<string[]> {
  const all = new Set<string>();
  for (const selection of variants(lab)) {
    const out = await compose(lab, selection, ['config', '--images']);
    for (const image of out.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean))
      all.add(image);
  }
  return [...all].sort();
}

export async function pull(lab: Lab): Promise<void> {
  requireDockerBinary();
  for (const selection of variants(lab)) {
    const label =
      Object.entries(selection.choices)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'default';
    console.log(`Pulling and building the images of ${lab.id} (${label})`);
    if ((await composeInteractive(lab, selection, ['pull', '--ignore-buildable'])) !== 0) {
      throw new LabError('Pulling images failed.', `Check the network, or load an offline kit: \`pnpm lab:${lab.id} load <file>\`.`);
    }
    if ((await composeInteractive(lab, selection, ['build'])) !== 0) throw new LabError('Building images failed.');
  }
}

export async function bundle(lab: Lab, file = `${lab.id}-images.tar`): Promise<void> {
  await pull(lab);
  const list = await images(lab);
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  console.log(`Saving ${list.length} images to ${target}:\n  ${list.join('\n  ')}`);
  const out = await $({ stdio: 'inherit', nothrow: true })`docker save -o ${target} ${list}`;
  if (out.exitCode !== 0) throw new LabError('docker save failed.', 'Is there enough free disk space?');
  console.log(`Done. On each laptop: pnpm lab:${lab.id} load ${file}`);
}

export async function load(file: string): Promise<void> {
  requireDockerBinary();
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!existsSync(target)) throw new LabError(`No such file: ${target}`, undefined, 2);
  const out = await $({ stdio: 'inherit', nothrow: true })`docker load -i ${target}`;
  if (out.exitCode !== 0) throw new LabError('docker load failed.', 'Is the Docker engine running? Was the archive copied whole?');
}
