import { flagValue, positiveNumber } from '../args.ts';
import { composeInteractive } from '../docker.ts';
import { LabError } from '../errors.ts';
import { savedSelection, withProfiles } from '../selection.ts';
import type { CommandInput } from './registry.ts';

/** Runs the lab's k6 service once; k6 reads K6_VUS and K6_DURATION as its --vus and --duration. */
export async function run({ lab, args }: CommandInput): Promise<void> {
  const t = lab.manifest.traffic;
  if (!t) throw new LabError(`The ${lab.id} lab has no traffic command: its services make their own traffic.`, undefined, 2);
  const vus = flagValue(args, 'vus');
  const n = vus === undefined ? t.vus : positiveNumber('vus', vus);
  const d = flagValue(args, 'duration') ?? t.duration;
  if (!/^\d+(ms|s|m|h)$/.test(d)) throw new LabError(`--duration must look like 30s, 5m or 1h (got "${d}").`, undefined, 2);
  console.log(`k6: ${n} virtual user(s) for ${d} (Ctrl-C stops it)`);
  const code = await composeInteractive(lab, withProfiles(savedSelection(lab), t.profiles), [
    'run',
    '--rm',
    '-e',
    `K6_VUS=${n}`,
    '-e',
    `K6_DURATION=${d}`,
    t.service,
  ]);
  if (code !== 0 && code !== 130) throw new LabError(`k6 exited with code ${code}.`, `Is the lab running? \`pnpm lab:${lab.id} status\``);
}
