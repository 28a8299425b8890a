// URLs and logins of a running lab, read from its lab.yaml by the runner (logins as the lab's .env
// sets them), never typed in a spec. Host ports are the ones Docker really published: global-setup
// reads them once (docker compose ps) and hands them to the workers in the environment.
import { findLab, hostUrl, type Lab, type LivePorts, namedUrl, savedSelection, variantOf } from '@obslab/runner';

export interface LabUrl {
  /** The service's base URL, without lab.yaml's path: specs add their own. */
  url: string;
  user?: string;
  password?: string;
}

const portsVar = (labId: string) => `OBSLAB_LIVE_PORTS_${labId.toUpperCase().replace(/\W/g, '_')}`;

/** Stores a lab's published ports for the test workers (Playwright passes global-setup's environment on). */
export function sharePorts(labId: string, ports: LivePorts): void {
  const plain = Object.fromEntries([...ports].map(([service, byTarget]) => [service, Object.fromEntries(byTarget)]));
  process.env[portsVar(labId)] = JSON.stringify(plain);
}

/** The published ports global-setup found, or undefined outside a live run. */
export function sharedPorts(labId: string): LivePorts | undefined {
  const text = process.env[portsVar(labId)];
  if (!text) return undefined;
  const plain = JSON.parse(text) as Record<string, Record<string, number[]>>;
  return new Map(
    Object.entries(plain).map(([service, byTarget]) => [service, new Map(Object.entries(byTarget).map(([t, p]) => [Number(t), p]))]),
  );
}

export function labUrl(lab: Lab, name: string): LabUrl {
  const { url, login } = namedUrl(lab, name, { live: sharedPorts(lab.id) });
  return { url: new URL(url).origin, ...login };
}

/** A service's own address on the host (e.g. an ingester's /flush), from the ports Docker published. */
export function serviceUrl(lab: Lab, service: string, port: number, path: string): string {
  return hostUrl(lab, { service, port, path }, sharedPorts(lab.id));
}

/** The lab as `up` started it: the variant's compose file, URLs and checks (`--mode distributed`). */
export const running = (id: string): Lab => {
  const lab = findLab(id);
  return variantOf(lab, savedSelection(lab));
};
export const loki = () => running('loki');
export const jaeger = () => running('jaeger');

/** Projects of a run, from the command line (`--project x` or `--project=x`). */
export function requestedProjects(argv: string[]): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a.startsWith('--project=')) out.push(a.slice('--project='.length));
    else if (a === '--project' && argv[i + 1]) out.push(argv[i + 1] as string);
  });
  return out;
}
