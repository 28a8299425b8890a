// A lab's containers as Docker reports them: `docker compose ps --all --format json` for the
// list, states and published ports, `docker inspect` for what ps leaves out (restart count, the
// exit code of a restarting container, OOM kills, the healthcheck's last output).
// Parsers are pure so they are tested with the JSON Docker really prints.
//
// ps output shape: Compose before v2.21.0 printed one JSON array of containers; from v2.21.0 it
// prints one JSON object per line (docker/compose "ps: --format json prints one line per
// container", v2.21.0 release notes). Both carry ID, Name, Service, State, Health, ExitCode,
// Labels and Publishers ([{URL, TargetPort, PublishedPort, Protocol}]).

export interface Publisher {
  hostIp: string;
  target: number;
  /** The host port Docker really published (0: not published). */
  published: number;
  protocol: string;
}

export interface ContainerState {
  id: string;
  service: string;
  name: string;
  /** Replica number (com.docker.compose.container-number): 1 for the first. */
  number: number;
  state: string;
  health: string;
  exitCode: number;
  publishers: Publisher[];
}

function labelsOf(value: unknown): Record<string, string> {
  if (value && typeof value === 'object') return value as Record<string, string>;
  const out: Record<string, string> = {};
  for (const pair of String(value ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

export function parsePs(output: string): ContainerState[] {
  const text = output.trim();
  if (text === '') return [];
  const rows: unknown[] = text.startsWith('[')
    ? (JSON.parse(text) as unknown[])
    : text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown);
  return rows.map((r) => {
    const row = r as Record<string, unknown>;
    const name = String(row.Name ?? '');
    const number = Number(labelsOf(row.Labels)['com.docker.compose.container-number'] ?? /-(\d+)$/.exec(name)?.[1] ?? 1);
    const publishers = ((row.Publishers as Record<string, unknown>[] | null) ?? []).map((p) => ({
      hostIp: String(p.URL ?? ''),
      target: Number(p.TargetPort ?? 0),
      published: Number(p.PublishedPort ?? 0),
      protocol: String(p.Protocol ?? 'tcp'),
    }));
    return {
      id: String(row.ID ?? ''),
      service: String(row.Service ?? ''),
      name,
      number,
      state: String(row.State ?? '').toLowerCase(),
      health: String(row.Health ?? '').toLowerCase(),
      exitCode: Number(row.ExitCode ?? 0),
      publishers,
    };
  });
}

export interface Inspected {
  id: string;
  status: string;
  exitCode: number;
  restartCount: number;
  oomKilled: boolean;
  startedAt: string;
  health?: { status: string; failingStreak: number; lastOutput: string };
  memoryLimit: number;
}

/** `docker inspect <ids>` JSON: the fields health waiting decides on. */
export function parseInspect(output: string): Inspected[] {
  const text = output.trim();
  if (text === '') return [];
  return (JSON.parse(text) as Record<string, unknown>[]).map((c) => {
    const state = (c.State ?? {}) as Record<string, unknown>;
    const host = (c.HostConfig ?? {}) as Record<string, unknown>;
    const health = state.Health as { Status?: string; FailingStreak?: number; Log?: { Output?: string }[] } | undefined;
    return {
      id: String(c.Id ?? ''),
      status: String(state.Status ?? ''),
      exitCode: Number(state.ExitCode ?? 0),
      restartCount: Number(c.RestartCount ?? 0),
      oomKilled: state.OOMKilled === true,
      startedAt: String(state.StartedAt ?? ''),
      health: health
        ? {
            status: String(health.Status ?? ''),
            failingStreak: Number(health.FailingStreak ?? 0),
            lastOutput: String(health.Log?.at(-1)?.Output ?? '').trim(),
          }
        : undefined,
      memoryLimit: Number(host.Memory ?? 0),
    };
  });
}

/** A container as health waiting sees it: ps's view, completed by inspect when it answered. */
export type Container = ContainerState & { inspected?: Inspected };

/** Host ports Docker really published: service -> container port -> one host port per replica, first replica first. */
export type LivePorts = Map<string, Map<number, number[]>>;

export function livePorts(containers: ContainerState[]): LivePorts {
  const ports: LivePorts = new Map();
  const running = containers.filter((c) => c.state === 'running').sort((a, b) => a.number - b.number);
  for (const c of running) {
    for (const p of c.publishers) {
      if (p.published === 0 || p.protocol !== 'tcp') continue;
      const byTarget = ports.get(c.service) ?? new Map<number, number[]>();
      const list = byTarget.get(p.target) ?? [];
      // Docker lists a port once per address family (0.0.0.0 and ::); keep one per replica.
      if (!list.includes(p.published)) list.push(p.published);
      byTarget.set(p.target, list);
      ports.set(c.service, byTarget);
    }
  }
  return ports;
}
