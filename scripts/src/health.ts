// Health of a running lab, from `docker compose ps --all --format json`. Pure functions so the
// wait logic is tested with the JSON Compose really prints.
//
// Output shape: Compose before v2.21.0 printed one JSON array of containers; from v2.21.0 it
// prints one JSON object per line (docker/compose "ps: --format json prints one line per
// container", v2.21.0 release notes). Both carry Service, State, Health and ExitCode.

export interface ContainerState {
  service: string;
  name: string;
  state: string;
  health: string;
  exitCode: number;
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
    return {
      service: String(row.Service ?? ''),
      name: String(row.Name ?? ''),
      state: String(row.State ?? '').toLowerCase(),
      health: String(row.Health ?? '').toLowerCase(),
      exitCode: Number(row.ExitCode ?? 0),
    };
  });
}

export type Phase = 'ready' | 'done' | 'waiting' | 'failed';

export interface ServiceStatus {
  service: string;
  phase: Phase;
  /** What a person reads: "healthy", "starting", "exited (1)", "not created"... */
  detail: string;
}

/** One service's phase, from all of its containers (a scaled service is ready when all are). */
export function serviceStatus(service: string, containers: ContainerState[], hasHealthcheck: boolean): ServiceStatus {
  const mine = containers.filter((c) => c.service === service);
  if (mine.length === 0) return { service, phase: 'waiting', detail: 'not created' };
  const each = mine.map((c): ServiceStatus => {
    if (c.state === 'exited' || c.state === 'dead') {
      return c.exitCode === 0
        ? { service, phase: 'done', detail: 'completed' }
        : { service, phase: 'failed', detail: `exited (${c.exitCode})` };
    }
    if (c.state !== 'running') return { service, phase: 'waiting', detail: c.state || 'unknown' };
    if (!hasHealthcheck || c.health === '') return { service, phase: 'ready', detail: 'running' };
    if (c.health === 'healthy') return { service, phase: 'ready', detail: 'healthy' };
    return { service, phase: 'waiting', detail: c.health };
  });
  const order: Phase[] = ['failed', 'waiting', 'ready', 'done'];
  const worst = order.find((p) => each.some((s) => s.phase === p)) ?? 'waiting';
  const pick = each.find((s) => s.phase === worst) as ServiceStatus;
  return mine.length > 1 ? { ...pick, detail: `${pick.detail} (${mine.length} replicas)` } : pick;
}

export interface Progress {
  statuses: ServiceStatus[];
  allReady: boolean;
  failed: ServiceStatus[];
}

/** Where the whole lab stands: every expected service ready or completed, or which failed. */
export function progress(services: { name: string; hasHealthcheck: boolean }[], containers: ContainerState[]): Progress {
  const statuses = services.map((s) => serviceStatus(s.name, containers, s.hasHealthcheck));
  return {
    statuses,
    allReady: statuses.every((s) => s.phase === 'ready' || s.phase === 'done'),
    failed: statuses.filter((s) => s.phase === 'failed'),
  };
}
