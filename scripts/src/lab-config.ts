// A lab's compose files as Compose itself resolves them (`docker compose config`, no engine
// needed): the services a selection starts, their images and healthchecks.
import { classifyComposeError, failureHint } from './diagnose.ts';
import { compose } from './docker.ts';
import { LabError } from './errors.ts';
import type { ExpectedService } from './health.ts';
import type { Lab } from './labs.ts';
import type { Selection } from './selection.ts';

export interface ResolvedConfig {
  name: string;
  services: Record<string, { image?: string; build?: unknown; healthcheck?: { test?: unknown; disable?: boolean } }>;
}

/** The resolved config, or a LabError that says what is wrong in the files. */
export async function labConfig(lab: Lab, selection: Selection): Promise<ResolvedConfig> {
  const out = await compose(lab, selection, ['config', '--format', 'json'], { check: false, engine: false });
  if (out.exitCode !== 0) {
    const failure = classifyComposeError(out.stderr);
    throw new LabError(
      `The ${lab.id} lab's compose files are not valid: ${failure.message}`,
      failureHint(lab.id, [], { ...failure, cause: 'config' }),
    );
  }
  return JSON.parse(out.stdout) as ResolvedConfig;
}

/** Services that `up` starts for this selection, and whether each has a healthcheck. */
export function expectedServices(config: ResolvedConfig): ExpectedService[] {
  return Object.entries(config.services).map(([name, svc]) => ({
    name,
    hasHealthcheck: !!svc.healthcheck?.test && !svc.healthcheck.disable,
  }));
}
