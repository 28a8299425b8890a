import { composeInteractive } from '../docker.ts';
import { LabError } from '../errors.ts';
import { savedSelection } from '../selection.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  const service = args.positionals[0];
  if (service !== undefined && !(service in lab.compose.services) && !(service in lab.manifest.services)) {
    throw new LabError(`Unknown service "${service}". Services: ${Object.keys(lab.manifest.services).join(', ')}.`, undefined, 2);
  }
  const follow = args.flags['no-follow'] !== true;
  const code = await composeInteractive(lab, savedSelection(lab), [
    'logs',
    ...(follow ? ['--follow'] : []),
    '--tail',
    '100',
    ...(service ? [service] : []),
  ]);
  if (code !== 0 && code !== 130) throw new LabError(`\`docker compose logs\` failed (exit ${code}).`);
}
