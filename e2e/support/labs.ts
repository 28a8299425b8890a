// URLs and logins of a running lab, read from its lab.yaml (ports from compose.yaml, logins
// interpolated with the lab's .env as Compose would), never typed in a spec.
import { findLab, hostUrl, interpolate, type Lab, labEnv } from '@obslab/runner';

export interface LabUrl {
  url: string;
  user?: string;
  password?: string;
}

export function labUrl(lab: Lab, name: string): LabUrl {
  const entry = lab.manifest.urls.find((u) => u.name === name);
  if (!entry) throw new Error(`${lab.id}/lab.yaml has no URL named "${name}"`);
  const vars = labEnv(lab.dir);
  const base = hostUrl(lab, { ...entry, path: '/' }).replace(/\/$/, '');
  return {
    url: base,
    ...(entry.login ? { user: interpolate(entry.login.user, vars), password: interpolate(entry.login.password, vars) } : {}),
  };
}

export const loki = () => findLab('loki');
export const jaeger = () => findLab('jaeger');

/** Projects of a run, from the command line (`--project x` or `--project=x`). */
export function requestedProjects(argv: string[]): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a.startsWith('--project=')) out.push(a.slice('--project='.length));
    else if (a === '--project' && argv[i + 1]) out.push(argv[i + 1] as string);
  });
  return out;
}
