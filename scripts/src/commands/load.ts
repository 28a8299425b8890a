import { existsSync } from 'node:fs';
import { $ } from 'zx';
import { ensureDocker } from '../docker.ts';
import { LabError } from '../errors.ts';
import { fromUserDir } from '../user-path.ts';
import type { CommandInput } from './registry.ts';

/** Loads an archive made by bundle. */
export async function run({ lab, args }: CommandInput): Promise<void> {
  const target = fromUserDir(args.positionals[0] as string);
  if (!existsSync(target))
    throw new LabError(`No such file: ${target}`, `Give the path of the archive made by \`pnpm lab:${lab.id} bundle\`.`, 2);
  await ensureDocker();
  const out = await $({ stdio: 'inherit', nothrow: true })`docker load -i ${target}`;
  if (out.exitCode !== 0) throw new LabError('docker load failed.', 'Is the Docker engine running? Was the archive copied whole?');
  console.log(`Loaded. Start the lab without a network: pnpm lab:${lab.id}`);
}
