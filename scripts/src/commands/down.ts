import { compose, composeInteractive } from '../docker.ts';
import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import { clearSelection, declaredProfiles, savedSelection, withProfiles } from '../selection.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  await down(lab, args.flags.volumes === true);
}

export async function down(lab: Lab, volumes: boolean): Promise<void> {
  // Every profile, so services started under one (k6 traffic, the other collector) stop too;
  // --remove-orphans catches containers of a variant whose files are not in this selection.
  const selection = savedSelection(lab);
  const all = withProfiles(selection, declaredProfiles(lab, selection));
  const code = await composeInteractive(lab, all, ['down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])]);
  if (code !== 0) {
    throw new LabError(`\`docker compose down\` failed (exit ${code}).`, `Is the Docker engine running? \`pnpm lab:${lab.id} doctor\``);
  }
  clearSelection(lab);
  // Report what remains, so a student knows the data is kept or gone.
  const left = await compose(lab, all, ['ps', '--all', '-q'], { check: false });
  console.log(
    left.stdout.trim() === ''
      ? `${lab.id} stopped${volumes ? ' and its data deleted' : '; its data is kept (add --volumes to delete it)'}.`
      : `${lab.id}: some containers are still there; see \`docker compose ps\` in ${lab.dir}.`,
  );
}
