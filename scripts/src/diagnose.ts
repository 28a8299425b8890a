// Why `up` failed, in words a student can act on: which services, their last log lines, and a
// hint that fits the cause. The patterns are Docker's and Compose's own messages (Compose 2.26,
// Docker 20.10 and later), e.g. "dependency failed to start: container x is unhealthy".
import type { ServiceStatus } from './health.ts';

export type Cause = 'port' | 'config' | 'image' | 'dependency' | 'compose';

export interface ComposeFailure {
  cause: Cause;
  /** The line of compose's output that says what went wrong. */
  message: string;
  /** A container compose names as the failing dependency. */
  container?: string;
  /** The host port compose could not bind. */
  port?: number;
}

const PATTERNS: { cause: Cause; re: RegExp }[] = [
  { cause: 'port', re: /port is already allocated|address already in use/ },
  { cause: 'dependency', re: /dependency failed to start: container (\S+)/ },
  { cause: 'image', re: /No such image|pull access denied|manifest unknown|failed to resolve reference|no such host/i },
  {
    cause: 'config',
    re: /^validating |yaml: |Additional property|is invalid|undefined (volume|network|service)|no such service|not found in|must be a /m,
  },
];

/** The cause of a failed `docker compose up`, from its output. */
export function classifyComposeError(output: string): ComposeFailure {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const { cause, re } of PATTERNS) {
    const line = [...lines].reverse().find((l) => re.test(l));
    if (!line) continue;
    const container = cause === 'dependency' ? re.exec(line)?.[1] : undefined;
    // "listen tcp4 127.0.0.1:3100: bind: address already in use", "Bind for 127.0.0.1:3100 failed: port is already allocated"
    const port = cause === 'port' ? /(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]*\]):(\d+)/.exec(line)?.[1] : undefined;
    return { cause, message: line, container, ...(port ? { port: Number(port) } : {}) };
  }
  return { cause: 'compose', message: lines.at(-1) ?? 'docker compose up failed' };
}

/** One sentence per failed service, and a hint for the worst of them. */
export function failureHint(labId: string, failed: ServiceStatus[], compose?: ComposeFailure): string {
  const kinds = new Set(failed.map((f) => f.failure));
  const names = (kind: string) =>
    failed
      .filter((f) => f.failure === kind)
      .map((f) => f.service)
      .join(', ');
  if (compose?.cause === 'port') {
    return `Another program or lab holds ${compose.port ? `port ${compose.port}` : 'a port this lab needs'}: \`pnpm lab:${labId} doctor\` names it. Stop it, then run \`pnpm lab:${labId}\` again.`;
  }
  if (compose?.cause === 'config')
    return `A compose file of the lab is not valid (the line above says where). Fix it, then run \`pnpm lab:${labId}\` again.`;
  if (compose?.cause === 'image')
    return `An image is missing and could not be downloaded: check the network, or load an offline kit (\`pnpm lab:${labId} load <file>\`).`;
  if (kinds.has('oom')) {
    return `${names('oom')} ran out of memory: raise its limit (deploy.resources.limits.memory in the lab's compose file), or give Docker more memory (Docker Desktop: Settings > Resources) and close other labs.`;
  }
  if (kinds.has('crash-loop') || kinds.has('exited')) {
    const who = [names('crash-loop'), names('exited')].filter(Boolean).join(', ');
    return `${who} stopped with an error: its last log lines above say why (often a wrong key or value in a config file you edited). Fix it, then run \`pnpm lab:${labId}\` again.`;
  }
  if (kinds.has('unhealthy')) {
    return `${names('unhealthy')} runs but its healthcheck fails: the probe output and log lines above say why. \`pnpm lab:${labId} logs ${failed.find((f) => f.failure === 'unhealthy')?.service}\` follows it.`;
  }
  if (kinds.has('timeout')) {
    return `${names('timeout')} did not become ready in time. A slow machine or a first start may need more: \`pnpm lab:${labId} up --timeout 600\`; \`pnpm lab:${labId} logs <service>\` shows what it is doing.`;
  }
  return `Look at the output above; \`pnpm lab:${labId} doctor\` checks the machine and \`pnpm lab:${labId} logs <service>\` shows a service's logs.`;
}
