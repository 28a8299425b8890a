// Is a host port free, and if not, who holds it? Docker publishes the labs' ports on 127.0.0.1,
// so that is the address we try to bind. A port published by a container is named by the
// container's Compose labels (which lab, which service), not by its `docker-proxy` process.
import { createServer } from 'node:net';
import { $ } from 'zx';
import { findOnPath } from './docker.ts';
import { loadLabs } from './labs.ts';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `users:(("python3",pid=123,fd=3))` from `ss -ltnpH` -> `python3 (pid 123)`. */
export function parseSsOwner(output: string): string | undefined {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(output);
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
}

/** `lsof -Fpc` prints `p123` and `cpython3` lines. */
export function parseLsofOwner(output: string): string | undefined {
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  const name = /^c(.+)$/m.exec(output)?.[1];
  return pid ? `${name ?? 'process'} (pid ${pid})` : undefined;
}

/**
 * Names the container in `docker ps --format json` output: "the loki lab's grafana (container
 * loki-grafana-1)" when its Compose labels point at one of our labs, else the container and its
 * Compose project. `labs` maps a lab folder to the lab's id.
 */
export interface PortOwner {
  /** Who, in words: "the loki lab's grafana (container loki-grafana-1)", "python3 (pid 42)". */
  who: string;
  /** The lab whose container holds the port, if one of ours does. */
  lab?: string;
}

export function describeContainerOwner(psJson: string, labs: Map<string, string>): PortOwner | undefined {
  const line = psJson.split('\n').find((l) => l.trim().startsWith('{'));
  if (!line) return undefined;
  const row = JSON.parse(line) as { Names?: string; Labels?: string };
  const labels = new Map(
    String(row.Labels ?? '')
      .split(',')
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const),
  );
  const name = String(row.Names ?? '').split(',')[0];
  const project = labels.get('com.docker.compose.project');
  const service = labels.get('com.docker.compose.service');
  const lab = labs.get(labels.get('com.docker.compose.project.working_dir') ?? '');
  if (lab && service) return { who: `the ${lab} lab's ${service} (container ${name})`, lab };
  if (project && service) return { who: `container ${name} (Compose project ${project}, service ${service})` };
  return { who: `container ${name}` };
}

async function containerOwner(port: number): Promise<PortOwner | undefined> {
  if (!findOnPath('docker')) return undefined;
  const out = await $({ quiet: true, nothrow: true, timeout: '10s' })`docker ps --filter ${`publish=${port}`} --format ${'{{json .}}'}`;
  if (out.exitCode !== 0) return undefined;
  return describeContainerOwner(out.stdout, new Map(loadLabs().map((l) => [l.dir, l.id])));
}

/** Who listens on a TCP port: a container (by its lab and service), else the process (ss on Linux, lsof on macOS). */
export async function portOwner(port: number): Promise<PortOwner | undefined> {
  const container = await containerOwner(port);
  if (container) return container;
  const q = $({ quiet: true, nothrow: true, timeout: '5s' });
  let who: string | undefined;
  if (findOnPath('ss')) who = parseSsOwner((await q`ss -ltnpH ${`sport = :${port}`}`).stdout);
  if (!who && findOnPath('lsof')) who = parseLsofOwner((await q`lsof -nP -iTCP:${port} -sTCP:LISTEN -Fpc`).stdout);
  return who ? { who } : undefined;
}
