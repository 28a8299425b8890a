// Distributed mode's checks: the ingester ring, losing one of three ingesters under load, and the
// query-scheduler spreading work over more queriers.
import { randomUUID } from 'node:crypto';
import { type CheckContext, defineCheck, getJson, until } from '@obslab/runner';
import { z } from 'zod';
import { gateway, replicaUrls, scaleTo, scrapeAll, sendTagged, untilAllIds } from './helpers.ts';
import { scrape, total } from './metrics.ts';

interface RingMember {
  id: string;
  /** ACTIVE, JOINING, LEAVING, PENDING, or UNHEALTHY when its heartbeat is older than the timeout. */
  state: string;
}

/** The ingester ring as `service` sees it: dskit's /ring page answers JSON when asked (ring_http.go). */
export async function ingesterRing(ctx: CheckContext, service: string): Promise<RingMember[]> {
  const ring = await getJson<{ shards: RingMember[] }>(ctx, ctx.url(service, 3100, '/ring'), { headers: { Accept: 'application/json' } });
  return ring.shards;
}

const describeRing = (ring: RingMember[]) => ring.map((m) => `${m.id} ${m.state}`).join(', ');

/** Waits until `count` ingesters are ACTIVE and none is in another state. */
async function untilRingActive(ctx: CheckContext, service: string, count: number): Promise<RingMember[]> {
  return until(
    ctx,
    async () => {
      const ring = await ingesterRing(ctx, service);
      const active = ring.filter((m) => m.state === 'ACTIVE');
      if (active.length !== count || ring.length !== count) {
        throw new Error(`the ring has ${active.length} of ${count} ingesters ACTIVE: ${describeRing(ring) || 'empty'}`);
      }
      return ring;
    },
    `${count} ACTIVE ingesters`,
    1000,
  );
}

export const ringActive = defineCheck({
  params: z.strictObject({ service: z.string(), active: z.number().int().positive() }),
  async run(ctx, p) {
    const ring = await untilRingActive(ctx, p.service, p.active);
    return `${p.service} sees ${describeRing(ring)}`;
  },
});

/** Pushes the distributor answered with a 5xx: what a client would have had to retry. */
const failedPushes = async (ctx: CheckContext, distributor: string) =>
  total(await scrape(ctx.url(distributor, 3100, '/metrics'), ctx.signal), 'loki_request_duration_seconds_count', {
    route: 'loki_api_v1_push',
    status_code: /5../,
  });

const OutageParams = z.strictObject({
  ingester: z.string(),
  /** The service whose /ring page is read (the distributor: it routes every write by that ring). */
  ring: z.string(),
  /** Ingesters in the ring, all ACTIVE before and after (three: one may stop, two keep the quorum). */
  active: z.number().int().min(3),
  requests: z.number().int().positive(),
  ratePerSecond: z.number().positive(),
});

/** What happened around the stopped ingester while the requests went on. */
interface Outage {
  stoppedAt: number;
  startedAt: number;
  /** The ingester's states in the ring while it was stopped. */
  states: Set<string>;
  queries: number;
  answered: number;
  /** Seconds from its start until the ring had every ingester ACTIVE again. */
  rejoined?: Promise<number>;
}

/** Before request i: stop the ingester at a third, start it at two thirds, and probe in between. */
async function outageStep(ctx: CheckContext, p: z.infer<typeof OutageParams>, i: number, o: Outage): Promise<void> {
  const stopAt = Math.floor(p.requests / 3);
  const startAt = Math.floor((2 * p.requests) / 3);
  if (i === stopAt) {
    ctx.progress(`stopping ${p.ingester} while requests keep coming`);
    await ctx.compose(['stop', p.ingester]);
    o.stoppedAt = Date.now();
  } else if (i === startAt) {
    ctx.progress(`starting ${p.ingester} again`);
    await ctx.compose(['start', p.ingester]);
    o.startedAt = Date.now();
    o.rejoined = untilRingActive(ctx, p.ring, p.active).then(() => (Date.now() - o.startedAt) / 1000);
  } else if (i > stopAt && i < startAt && i % 10 === 0) {
    const me = (await ingesterRing(ctx, p.ring)).find((m) => m.id === p.ingester);
    o.states.add(me?.state ?? 'gone');
    o.queries++;
    const query = encodeURIComponent('sum(count_over_time({service="app"}[1m]))');
    const res = await fetch(gateway(ctx, `/loki/api/v1/query?query=${query}`), { signal: ctx.signal });
    await res.arrayBuffer();
    if (res.ok) o.answered++;
  }
}

export const ingesterOutage = defineCheck({
  params: OutageParams,
  async run(ctx, p) {
    await untilRingActive(ctx, p.ring, p.active);
    const pushFailuresBefore = await failedPushes(ctx, p.ring);
    const tag = `outage-${randomUUID().slice(0, 8)}`;
    const o: Outage = { stoppedAt: 0, startedAt: 0, states: new Set(), queries: 0, answered: 0 };
    let sent: Set<string>;
    try {
      sent = await sendTagged(ctx, tag, p.requests, p.ratePerSecond, (i) => outageStep(ctx, p, i, o));
    } finally {
      // Never leave the lab with an ingester stopped, whatever happened.
      if (!o.startedAt) await ctx.compose(['start', p.ingester]).catch(() => undefined);
    }
    if (!o.rejoined) throw new Error(`the requests ended before ${p.ingester} was started again (${sent.size} sent)`);
    const rejoined = await o.rejoined;
    // Every request's line, written with two of three acknowledgements while the ingester was away.
    await untilAllIds(ctx, tag, sent, `after ${p.ingester} came back`);
    const pushFailures = (await failedPushes(ctx, p.ring)) - pushFailuresBefore;
    if (o.answered !== o.queries) throw new Error(`${o.queries - o.answered} of ${o.queries} queries failed while ${p.ingester} was down`);
    if (o.states.has('ACTIVE')) throw new Error(`the ring still showed ${p.ingester} ACTIVE while it was stopped`);
    return (
      `${sent.size} requests, all ${sent.size} request IDs in Loki; ${p.ingester} was down ${((o.startedAt - o.stoppedAt) / 1000).toFixed(0)} s ` +
      `(ring: ${[...o.states].join(', ')}), ${o.answered}/${o.queries} queries answered meanwhile, ${pushFailures} pushes failed; ` +
      `ACTIVE again ${rejoined.toFixed(1)} s after it started`
    );
  },
});

/** Requests each querier has finished and handed back to a query-frontend (pkg/querier/worker/metrics.go). */
const executed = (samples: Awaited<ReturnType<typeof scrape>>) =>
  total(samples, 'loki_querier_query_frontend_request_duration_seconds_count', {
    operation: '/frontendv2pb.FrontendForQuerier/QueryResult',
  });

export const queriersScaled = defineCheck({
  params: z.strictObject({
    service: z.string(),
    scheduler: z.string(),
    replicas: z.number().int().min(2),
    queries: z.number().int().positive(),
  }),
  async run(ctx, p) {
    const deploy = ctx.lab.compose.services[p.service]?.deploy as { replicas?: number } | undefined;
    const usual = deploy?.replicas ?? 1;
    ctx.progress(`scaling ${p.service} from ${usual} to ${p.replicas}`);
    try {
      await scaleTo(ctx, p.service, p.replicas);
      const replicas = await replicaUrls(ctx, p.service, 3100, '/metrics');
      const workers = total(await scrape(replicas[0]?.url ?? '', ctx.signal), 'loki_querier_worker_concurrency');
      // Every worker of every replica has connected to the scheduler's queue.
      await until(
        ctx,
        async () => {
          const [scheduler = []] = await scrapeAll(ctx, [p.scheduler]);
          const connected = total(scheduler, 'loki_query_scheduler_connected_querier_clients');
          if (connected < workers * p.replicas) throw new Error(`${connected} of ${workers * p.replicas} querier workers connected`);
          return true;
        },
        'every querier worker connected to the scheduler',
        1000,
      );
      const before = await Promise.all(replicas.map(async (r) => executed(await scrape(r.url, ctx.signal))));
      // Label lookups and a two-hour metric query (split into hourly parts), a few at a time as dashboards ask.
      const start = (Date.now() - 2 * 3600_000) * 1e6;
      const paths = [
        '/loki/api/v1/labels',
        `/loki/api/v1/query_range?query=${encodeURIComponent('sum by (level) (count_over_time({service="app"}[1m]))')}&start=${start}`,
      ];
      let ok = 0;
      for (let i = 0; i < p.queries; i += 4) {
        const batch = Array.from({ length: Math.min(4, p.queries - i) }, (_, k) => paths[(i + k) % paths.length] as string);
        const results = await Promise.all(
          batch.map(async (path) => {
            const res = await fetch(gateway(ctx, path), { signal: ctx.signal });
            await res.arrayBuffer();
            return res.ok;
          }),
        );
        ok += results.filter(Boolean).length;
      }
      if (ok !== p.queries) throw new Error(`${p.queries - ok} of ${p.queries} queries failed with ${p.replicas} queriers`);
      const done = await Promise.all(replicas.map(async (r, i) => executed(await scrape(r.url, ctx.signal)) - (before[i] ?? 0)));
      const shares = replicas.map((r, i) => `${r.name} ${done[i]}`).join(', ');
      if (done.some((n) => n < 1)) throw new Error(`not every querier took work from the scheduler: ${shares}`);
      const all = done.reduce((a, b) => a + b, 0);
      return `${ok}/${p.queries} queries answered; the scheduler handed ${all} requests to ${workers * p.replicas} workers of ${p.replicas} queriers: ${shares}`;
    } finally {
      await ctx.compose(['up', '-d', '--no-recreate', '--scale', `${p.service}=${usual}`, p.service]).catch(() => undefined);
    }
  },
});
