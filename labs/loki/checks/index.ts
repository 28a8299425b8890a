// The Loki lab's own verify checks (declared in lab.yaml; run by `pnpm lab:loki verify`): the
// checks of both modes here, distributed mode's exercises in distributed.ts, the write path's
// cost in amplification.ts.
import { randomUUID } from 'node:crypto';
import { basicAuth, type CheckTypes, defineCheck, getJson, sleep, until } from '@obslab/runner';
import { z } from 'zod';
import { writeAmplification } from './amplification.ts';
import { ingesterOutage, queriersScaled, ringActive } from './distributed.ts';
import {
  bucketObjects,
  flushIngesters,
  gateway,
  isChunk,
  type QueryResult,
  replicaUrls,
  scaleTo,
  sendTagged,
  stackHealthy,
  throughNginx,
  untilAllIds,
} from './helpers.ts';
import { type Sample, scrape, total } from './metrics.ts';

const logRoundtrip = defineCheck({
  params: z.strictObject({ within: z.number().positive(), query: z.string().includes('$TAG') }),
  async run(ctx, p) {
    const tag = `verify-${randomUUID().slice(0, 8)}`;
    const sent = Date.now();
    const res = await fetch(throughNginx(ctx, `/items/7?tag=${tag}`), { headers: { 'X-Request-ID': tag }, signal: ctx.signal });
    if (res.status !== 200) throw new Error(`the app answered ${res.status} through Nginx`);
    const query = p.query.replace('$TAG', tag);
    const start = (sent - 60_000) * 1e6;
    await until(
      ctx,
      async () => {
        const url = gateway(ctx, `/loki/api/v1/query_range?query=${encodeURIComponent(query)}&start=${start}&limit=10`);
        const r = await getJson<QueryResult>(ctx, url);
        return r.data.result.some((s) => (s.values?.length ?? 0) > 0) ? true : undefined;
      },
      `waiting for ${tag} in Loki`,
    );
    const seconds = (Date.now() - sent) / 1000;
    if (seconds > p.within) throw new Error(`the line arrived after ${seconds.toFixed(1)}s, more than ${p.within}s`);
    return `request ${tag} was queryable after ${seconds.toFixed(1)}s`;
  },
});

/** What the query-scheduler and the index gateway have done so far (each scraped from its own service). */
function readWork(scheduler: Sample[], indexGateway: Sample[]) {
  return {
    dequeued: total(scheduler, 'loki_query_scheduler_queue_duration_seconds_count'),
    queriers: total(scheduler, 'loki_query_scheduler_connected_querier_clients'),
    frontends: total(scheduler, 'loki_query_scheduler_connected_frontend_clients'),
    // gRPC service indexgatewaypb.IndexGateway (pkg/logproto/indexgateway.proto).
    indexRequests: total(indexGateway, 'loki_request_duration_seconds_count', { route: /\/indexgatewaypb\.IndexGateway\/.+/ }),
  };
}

const readPath = defineCheck({
  params: z.strictObject({
    query: z.string().min(1),
    minutes: z.number().int().positive(),
    /** The services running the query-scheduler and the index gateway (loki-backend in SSD). */
    scheduler: z.string(),
    indexGateway: z.string(),
  }),
  async run(ctx, p) {
    const work = async () => {
      const [scheduler, indexGateway] = await Promise.all(
        [p.scheduler, p.indexGateway].map((s) => scrape(ctx.url(s, 3100, '/metrics'), ctx.signal)),
      );
      return readWork(scheduler as Sample[], indexGateway as Sample[]);
    };
    const before = await work();
    const start = (Date.now() - p.minutes * 60_000) * 1e6;
    const query = gateway(ctx, `/loki/api/v1/query_range?query=${encodeURIComponent(p.query)}&start=${start}&limit=10`);
    return until(
      ctx,
      async () => {
        await getJson<QueryResult>(ctx, query);
        const after = await work();
        const queued = after.dequeued - before.dequeued;
        const indexed = after.indexRequests - before.indexRequests;
        if (after.frontends < 1 || after.queriers < 1) {
          throw new Error(`${p.scheduler}'s scheduler has ${after.frontends} frontend and ${after.queriers} querier connections`);
        }
        if (queued < 1) throw new Error(`the query did not pass through ${p.scheduler}'s query-scheduler`);
        if (indexed < 1) throw new Error(`the query did not ask ${p.indexGateway}'s index gateway`);
        return `${p.scheduler}'s scheduler queued ${queued} request(s) for ${after.queriers} querier worker(s); ${p.indexGateway}'s index gateway served ${indexed} request(s)`;
      },
      `the read path through ${p.scheduler}`,
      2000,
    );
  },
});

interface Targets {
  data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string; scrapeUrl: string }[] };
}

const prometheusTargets = defineCheck({
  params: z.strictObject({ jobs: z.array(z.string()).min(1) }),
  async run(ctx, p) {
    return until(
      ctx,
      async () => {
        const t = await getJson<Targets>(ctx, ctx.url('prometheus', 9090, '/api/v1/targets?state=active'));
        const problems = p.jobs.flatMap((job) => {
          const mine = t.data.activeTargets.filter((a) => a.labels.job === job);
          if (mine.length === 0) return [`${job}: no target`];
          return mine.filter((a) => a.health !== 'up').map((a) => `${job} ${a.scrapeUrl}: ${a.health} ${a.lastError}`);
        });
        if (problems.length > 0) throw new Error(problems.join('; '));
        const count = t.data.activeTargets.filter((a) => p.jobs.includes(a.labels.job ?? '')).length;
        return `${count} targets up: ${p.jobs.join(', ')}`;
      },
      'Prometheus targets',
      2000,
    );
  },
});

const chunksInMinio = defineCheck({
  params: z.strictObject({ bucket: z.string(), ingesters: z.array(z.string()).min(1) }),
  async run(ctx, p) {
    // Ask the ingesters to flush now instead of waiting for chunk_idle_period.
    await flushIngesters(ctx, p.ingesters);
    return until(
      ctx,
      async () => {
        const objects = await bucketObjects(ctx, p.bucket);
        const chunks = objects.filter(isChunk);
        if (chunks.length === 0) throw new Error(`no chunk objects in ${p.bucket} yet (${objects.length} objects)`);
        return `${chunks.length} chunk objects and ${objects.length - chunks.length} index objects in ${p.bucket}`;
      },
      'chunks in MinIO',
      3000,
    );
  },
});

const grafanaDatasources = defineCheck({
  params: z.strictObject({ uids: z.array(z.string()).min(1) }),
  async run(ctx, p) {
    const headers = { Authorization: basicAuth(ctx.lab, 'grafana') };
    for (const uid of p.uids) {
      await until(
        ctx,
        async () => {
          const r = await getJson<{ status: string; message: string }>(
            ctx,
            ctx.url('grafana', 3000, `/api/datasources/uid/${uid}/health`),
            { headers },
          );
          if (r.status !== 'OK') throw new Error(`${uid}: ${r.status} ${r.message}`);
          return true;
        },
        `datasource ${uid}`,
        2000,
      );
    }
    return `healthy: ${p.uids.join(', ')}`;
  },
});

/** Label queries each loki-read replica has handled: as the frontend the gateway picked, or as the querier the scheduler picked. */
const labelRequests = (samples: Sample[]) => total(samples, 'loki_request_duration_seconds_count', { route: 'loki_api_v1_labels' });

const readScaled = defineCheck({
  params: z.strictObject({ replicas: z.number().int().min(2), queries: z.number().int().positive() }),
  async run(ctx, p) {
    ctx.progress(`scaling loki-read to ${p.replicas}`);
    try {
      await scaleTo(ctx, 'loki-read', p.replicas);
      // The gateway re-resolves loki-read every 5 s; give it that long to see the new replicas.
      await sleep(6000, ctx.signal);
      const replicas = await replicaUrls(ctx, 'loki-read', 3100, '/metrics');
      if (replicas.length < p.replicas) throw new Error(`${replicas.length} loki-read replicas run, expected ${p.replicas}`);
      const before = await Promise.all(replicas.map(async (r) => labelRequests(await scrape(r.url, ctx.signal))));
      let ok = 0;
      for (let i = 0; i < p.queries; i++) {
        const res = await fetch(gateway(ctx, '/loki/api/v1/labels'), { signal: ctx.signal });
        await res.arrayBuffer();
        if (res.ok) ok++;
      }
      if (ok !== p.queries) throw new Error(`${p.queries - ok} of ${p.queries} queries failed with ${p.replicas} replicas`);
      const served = await Promise.all(replicas.map(async (r, i) => labelRequests(await scrape(r.url, ctx.signal)) - (before[i] ?? 0)));
      const shares = replicas.map((r, i) => `${r.name} ${served[i]}`).join(', ');
      if (served.some((n) => n < 1)) throw new Error(`not every replica served part of the queries: ${shares}`);
      return `${ok}/${p.queries} label queries answered through the gateway; every replica took part (${shares})`;
    } finally {
      await ctx.compose(['up', '-d', '--no-recreate', '--scale', 'loki-read=1', 'loki-read']).catch(() => undefined);
    }
  },
});

const writeRestart = defineCheck({
  params: z.strictObject({ requests: z.number().int().positive(), ratePerSecond: z.number().positive() }),
  async run(ctx, p) {
    const tag = `restart-${randomUUID().slice(0, 8)}`;
    let restart: Promise<unknown> | undefined;
    const answered = await sendTagged(ctx, tag, p.requests, p.ratePerSecond, (i) => {
      if (i !== Math.floor(p.requests / 3)) return;
      ctx.progress('restarting loki-write while requests keep coming');
      restart = ctx.compose(['restart', 'loki-write']);
    });
    await restart;
    // A request can log more than one line (an error adds its traceback): count request IDs.
    await untilAllIds(ctx, tag, answered, 'so far');
    return `${answered.size} requests answered by the app, all ${answered.size} request IDs in Loki: none lost across the loki-write restart`;
  },
});

const downUpKeepsLogs = defineCheck({
  params: z.strictObject({ requests: z.number().int().positive() }),
  async run(ctx, p) {
    const tag = `down-up-${randomUUID().slice(0, 8)}`;
    const sent = await sendTagged(ctx, tag, p.requests, 20);
    // Shipped and queryable first: what `down` could lose is then only what loki-write holds.
    await untilAllIds(ctx, tag, sent, 'before `down`');
    ctx.progress('docker compose down (volumes kept)');
    await ctx.compose(['down']);
    ctx.progress('docker compose up -d');
    const upAt = Date.now();
    await ctx.compose(['up', '-d']);
    await until(ctx, () => stackHealthy(ctx), 'the lab healthy again', 2000);
    await untilAllIds(ctx, tag, sent, 'after `up`');
    return `all ${sent.size} requests logged just before \`down\` were queryable ${((Date.now() - upAt) / 1000).toFixed(0)}s after \`up\``;
  },
});

export default {
  'log-roundtrip': logRoundtrip,
  'read-path': readPath,
  'prometheus-targets': prometheusTargets,
  'chunks-in-minio': chunksInMinio,
  'grafana-datasources': grafanaDatasources,
  'read-scaled': readScaled,
  'write-restart': writeRestart,
  'down-up-keeps-logs': downUpKeepsLogs,
  'ring-active': ringActive,
  'replica-lost': ingesterOutage,
  'queriers-scaled': queriersScaled,
  'write-amplification': writeAmplification,
} satisfies CheckTypes;
