import { composeEdited, composeInteractive } from '../docker.ts';
import { LabError } from '../errors.ts';
import { savedSelection } from '../selection.ts';
import { stripAnsi } from '../table.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  const service = args.positionals[0];
  if (service !== undefined && !(service in lab.compose.services) && !(service in lab.manifest.services)) {
    throw new LabError(`Unknown service "${service}". Services: ${Object.keys(lab.manifest.services).join(', ')}.`, undefined, 2);
  }
  const follow = args.flags['no-follow'] !== true;
  const logs = ['logs', ...(follow ? ['--follow'] : []), '--tail', '100', ...(service ? [service] : [])];
  // Compose 2.26 starts every log line with an erase-line escape even when its output is not a
  // terminal: a file or a pipe (`| grep`) gets the lines without it.
  const code = process.stdout.isTTY
    ? await composeInteractive(lab, savedSelection(lab), logs)
    : await composeEdited(lab, savedSelection(lab), logs, stripAnsi);
  if (code !== 0 && code !== 130) throw new LabError(`\`docker compose logs\` failed (exit ${code}).`);
}
