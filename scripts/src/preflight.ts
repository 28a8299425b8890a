// `doctor`: what must be true on this machine before a lab can start. Every check runs and
// reports; the Docker checks and the port checks do not depend on each other.
import { arch } from 'node:os';
import { join } from 'node:path';
import { publishedPorts, readComposeFile } from './compose-file.ts';
import { composeVersion, engineInfo } from './docker.ts';
import { LabError } from './errors.ts';
import { labEnv } from './interpolate.ts';
import type { Lab } from './labs.ts';
import { isPortFree, portOwner } from './ports.ts';
import { labMemory, sizeText } from './resources.ts';
import { allSelections, composeFilesFor } from './selection.ts';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface Finding {
  check: string;
  verdict: Verdict;
  detail: string;
  hint?: string;
}

/** Host ports of every variant of the lab, with the service that wants each. */
export function labHostPorts(lab: Lab): { port: number; service: string }[] {
  // The ports Compose will ask for: `${GRAFANA_PORT:-3000}` resolved with the shell and the lab's .env.
  const vars = labEnv(lab.dir);
  const ports = new Map<number, string>();
  for (const selection of allSelections(lab)) {
    for (const file of composeFilesFor(lab, selection)) {
      for (const p of publishedPorts(readComposeFile(join(lab.dir, file)), vars)) {
        for (const port of p.publishedRange ?? (p.published === undefined ? [] : [p.published])) {
          if (!ports.has(port)) ports.set(port, p.service);
        }
      }
    }
  }
  return [...ports].map(([port, service]) => ({ port, service })).sort((a, b) => a.port - b.port);
}

/**
 * The lab's host ports: free, or held by one of the lab's own containers (it is running: `up` again
 * reuses them, a variant switch removes them first), or a conflict named with its holder.
 */
export async function checkPorts(lab: Lab): Promise<Finding[]> {
  const findings: Finding[] = [];
  const own: number[] = [];
  for (const { port, service } of labHostPorts(lab)) {
    if (await isPortFree(port)) continue;
    const owner = await portOwner(port);
    if (owner?.lab === lab.id) {
      own.push(port);
      continue;
    }
    findings.push({
      check: `port ${port}`,
      verdict: 'fail',
      detail: `port ${port} (for ${service}) is already in use${owner ? ` by ${owner.who}` : ''}`,
      hint: owner?.lab
        ? `Stop the ${owner.lab} lab first: \`pnpm lab:${owner.lab} down\`, then try again.`
        : `Stop what holds port ${port}${owner ? ` (${owner.who})` : ''}, then try again.`,
    });
  }
  if (findings.length === 0) {
    const ports = labHostPorts(lab).map((p) => p.port);
    const free = ports.filter((p) => !own.includes(p));
    const parts = [
      ...(free.length > 0 ? [`free: ${free.join(', ')}`] : []),
      ...(own.length > 0 ? [`held by this lab's own running containers: ${own.join(', ')}`] : []),
    ];
    findings.push({
      check: 'ports',
      verdict: 'ok',
      detail: ports.length > 0 ? parts.join('; ') : 'no fixed host ports (Docker picks them)',
    });
  }
  return findings;
}

async function asFinding(check: string, run: () => Promise<Finding>): Promise<Finding> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof LabError) return { check, verdict: 'fail', detail: err.message, hint: err.hint };
    throw err;
  }
}

/** With `strict` (doctor --offline, a laptop checked for class) too little memory is a FAIL, not a warning. */
export async function doctor(lab: Lab, strict = false): Promise<Finding[]> {
  const need = labMemory(lab.compose);
  const [engine, composeFinding, ports] = await Promise.all([
    asFinding('docker engine', async () => {
      const info = await engineInfo();
      return {
        check: 'docker engine',
        verdict: 'ok',
        detail: `Docker ${info.serverVersion} (${info.operatingSystem})`,
        info,
      } as Finding & {
        info: Awaited<ReturnType<typeof engineInfo>>;
      };
    }),
    asFinding('compose', async () => ({ check: 'compose', verdict: 'ok', detail: `Docker Compose ${await composeVersion()}` })),
    checkPorts(lab),
  ]);
  const findings: Finding[] = [engine, composeFinding];
  const info = (engine as Finding & { info?: Awaited<ReturnType<typeof engineInfo>> }).info;
  if (info) {
    const enough = info.memTotal >= Math.max(4 * 1024 ** 3, need * 1.5);
    findings.push({
      check: 'memory',
      verdict: enough ? 'ok' : strict ? 'fail' : 'warn',
      detail: `${sizeText(info.memTotal)} available to Docker; ${need > 0 ? `this lab's services are limited to ${sizeText(need)} in all` : "this lab's services declare no memory limits"}`,
      hint: enough ? undefined : 'Give Docker at least 4 GiB (Docker Desktop: Settings > Resources > Memory).',
    });
    const cpu = info.architecture || arch();
    findings.push({
      check: 'cpu',
      verdict: 'ok',
      detail: `${cpu}, ${info.ncpu} CPUs${/arm64|aarch64/.test(cpu) ? ' (arm64: every lab image is published for arm64)' : ''}`,
    });
  } else {
    findings.push({ check: 'cpu', verdict: 'ok', detail: `${arch()} (this machine; Docker engine not reachable)` });
  }
  findings.push(...ports);
  return findings;
}
