import { composeInteractive } from '../docker.ts';
import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import type { Selection } from '../selection.ts';

export async function logs(lab: Lab, selection: Selection, service: string | undefined, follow: boolean): Promise<void> {
  if (service !== undefined && !(service in lab.compose.services) && !(service in lab.manifest.services)) {
    throw new LabError(`Unknown service "${service}". Services: ${Object.keys(lab.manifest.services).join(', ')}.`, undefined, 2);
  }
  const code = await composeInteractive(lab, selection, [
    'logs',
    ...(follow ? ['--follow'] : []),
    '--tail',
    '100',
    ...(service ? [service] : []),
  ]);
  if (code !== 0 && code !== 130) throw new LabError(`\`docker compose logs\` failed (exit ${code}).`);
}
