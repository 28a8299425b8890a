// Is the lab ready? Decided from the containers' state over time, the way Docker runs them:
// - a container with a healthcheck is ready when healthy; one without, when it stays running;
// - a one-shot job that exited 0 is done;
// - unhealthy is a failure (Compose's own `depends_on: service_healthy` treats it so);
// - Docker marks a container it is about to restart "restarting" (never "exited"), so "exited"
//   with a non-zero code is final, while a restarting container is given a chance and fails once
//   it has restarted CRASH_RESTARTS times (a crash loop);
// - until `docker compose up` has returned, an exited container may be one compose is about to
//   start again, so it is judged only then.
// Pure functions over parsed ps/inspect output, so every rule is tested with real shapes.
import type { Container } from './containers.ts';

/** Restarts after which a container that is down again counts as crash-looping. */
export const CRASH_RESTARTS = 3;

export type Phase = 'ready' | 'done' | 'waiting' | 'failed';
export type Failure = 'exited' | 'crash-loop' | 'unhealthy' | 'oom' | 'timeout';

export interface ServiceStatus {
  service: string;
  phase: Phase;
  /** What a person reads: "healthy", "starting", "exited (1)", "not created"... */
  detail: string;
  failure?: Failure;
  /** The healthcheck's last output, for an unhealthy service. */
  probe?: string;
}

export interface ExpectedService {
  name: string;
  hasHealthcheck: boolean;
}

function one(service: string, c: Container, hasHealthcheck: boolean, stable: boolean, settled: boolean): ServiceStatus {
  const i = c.inspected;
  const status = i?.status || c.state;
  const exitCode = i ? i.exitCode : c.exitCode;
  const restarts = i?.restartCount ?? 0;
  const times = restarts === 1 ? 'once' : `${restarts} times`;
  if ((status === 'restarting' || status === 'exited') && i?.oomKilled) {
    const limit = i.memoryLimit ? ` (limit ${Math.round(i.memoryLimit / 1024 ** 2)} MiB)` : '';
    return { service, phase: 'failed', failure: 'oom', detail: `killed: out of memory${limit}` };
  }
  if (status === 'restarting') {
    if (restarts < CRASH_RESTARTS)
      return { service, phase: 'waiting', detail: `restarting (exit ${exitCode}${restarts ? `, restarted ${times}` : ''})` };
    const how = exitCode === 0 ? 'exiting' : 'crashing';
    return { service, phase: 'failed', failure: 'crash-loop', detail: `keeps ${how} (exit ${exitCode}, restarted ${times})` };
  }
  if (status === 'exited' || status === 'dead') {
    if (exitCode === 0) return { service, phase: 'done', detail: 'completed' };
    if (!settled) return { service, phase: 'waiting', detail: `exited (${exitCode}); compose is still starting the lab` };
    return { service, phase: 'failed', failure: 'exited', detail: `exited (${exitCode})${restarts ? ` after ${restarts} restarts` : ''}` };
  }
  if (status !== 'running') {
    return { service, phase: 'waiting', detail: status === 'created' ? 'created (waiting for dependencies)' : status || 'unknown' };
  }
  const health = i?.health?.status ?? c.health;
  if (!hasHealthcheck || health === '') {
    return stable ? { service, phase: 'ready', detail: 'running' } : { service, phase: 'waiting', detail: 'started' };
  }
  if (health === 'healthy') return { service, phase: 'ready', detail: 'healthy' };
  if (health === 'unhealthy') {
    const streak = i?.health?.failingStreak;
    return {
      service,
      phase: 'failed',
      failure: 'unhealthy',
      detail: `unhealthy${streak ? ` (healthcheck failed ${streak} times in a row)` : ''}`,
      probe: i?.health?.lastOutput,
    };
  }
  return { service, phase: 'waiting', detail: health === 'starting' ? 'starting' : health };
}

const WORST_FIRST: Phase[] = ['failed', 'waiting', 'ready', 'done'];

export interface Judgement {
  /** Containers seen running, same start, at the previous look: a service without a healthcheck is
   * ready only then, so one that crashes a second after starting is not called ready. Default: all. */
  stableIds?: Set<string>;
  /** `docker compose up` has returned (default: true): an exited container is then final. */
  settled?: boolean;
}

/** One service's status from all of its containers (a scaled service is ready when all are). */
export function serviceStatus(service: string, containers: Container[], hasHealthcheck: boolean, judgement: Judgement = {}): ServiceStatus {
  const mine = containers.filter((c) => c.service === service);
  if (mine.length === 0) return { service, phase: 'waiting', detail: 'not created' };
  const stable = (c: Container) => judgement.stableIds?.has(c.id) ?? true;
  const each = mine.map((c) => one(service, c, hasHealthcheck, stable(c), judgement.settled ?? true));
  const worst = WORST_FIRST.find((p) => each.some((s) => s.phase === p)) ?? 'waiting';
  const pick = each.find((s) => s.phase === worst) as ServiceStatus;
  return mine.length > 1 ? { ...pick, detail: `${pick.detail} (${mine.length} replicas)` } : pick;
}

export interface Progress {
  statuses: ServiceStatus[];
  allReady: boolean;
  failed: ServiceStatus[];
}

/** Where the whole lab stands: every expected service ready or completed, or which failed. */
export function progress(services: ExpectedService[], containers: Container[], judgement: Judgement = {}): Progress {
  const statuses = services.map((s) => serviceStatus(s.name, containers, s.hasHealthcheck, judgement));
  return {
    statuses,
    allReady: statuses.every((s) => s.phase === 'ready' || s.phase === 'done'),
    failed: statuses.filter((s) => s.phase === 'failed'),
  };
}

/** Follows the lab over successive looks: which containers stayed up, and when each service became ready. */
export class HealthWatch {
  private previous = new Map<string, string>();
  /** Milliseconds from the start until each service was first ready or done. */
  readonly readyAfter = new Map<string, number>();

  constructor(
    private readonly services: ExpectedService[],
    private readonly startedAt: number,
  ) {}

  observe(containers: Container[], now: number, settled: boolean): Progress {
    const running = (c: Container) => (c.inspected?.status || c.state) === 'running';
    const key = (c: Container) => c.inspected?.startedAt ?? c.id;
    const stable = new Set(containers.filter((c) => running(c) && this.previous.get(c.id) === key(c)).map((c) => c.id));
    this.previous = new Map(containers.filter(running).map((c) => [c.id, key(c)]));
    const p = progress(this.services, containers, { stableIds: stable, settled });
    for (const s of p.statuses) {
      if ((s.phase === 'ready' || s.phase === 'done') && !this.readyAfter.has(s.service))
        this.readyAfter.set(s.service, now - this.startedAt);
    }
    return p;
  }

  /** At the deadline, whatever still waits has timed out. */
  timeOut(p: Progress, seconds: number): Progress {
    const statuses = p.statuses.map((s) =>
      s.phase === 'waiting'
        ? { ...s, phase: 'failed' as const, failure: 'timeout' as const, detail: `still ${s.detail} after ${seconds}s` }
        : s,
    );
    return { statuses, allReady: false, failed: statuses.filter((s) => s.phase === 'failed') };
  }
}
