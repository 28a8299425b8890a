// The Loki lab's own verify checks (declared in lab.yaml; run by `pnpm lab:loki verify`).
import { randomUUID } from 'node:crypto';
import { type CheckContext, type CheckTypes, defineCheck, parsePs, sleep, until } from '@obslab/runner';
import { z } from 'zod';

async function getJson<T>(ctx: CheckContext, url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, signal: ctx.signal });
  const body = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as T;
}

/** The login lab.yaml gives for a service's URL (one place for credentials). */
function basicAuth(ctx: CheckContext, service: string): string {
  const login = ctx.lab.manifest.urls.find((u) => u.service === service)?.login;
  if (!login) throw new Error(`lab.yaml has no login for ${service}`);
  return `Basic ${Buffer.from(`${ctx.interpolate(login.user)}:${ctx.interpolate(login.password)}`).toString('base64')}`;
}

const gateway = (ctx: CheckContext, path: string) => ctx.url('loki-gateway', 3100, path);
const throughNginx = (ctx: CheckContext, path: string) => ctx.url('nginx', 8080, path);

interface QueryResult {
  data: { result: { values?: [string, string][]; value?: [number, string] }[] };
}

/** Lines matching a LogQL query over the last `minutes`, through the gateway (the read path). */
async function countLines(ctx: CheckContext, query: string, minutes = 15): Promise<number> {
  const q = `sum(count_over_time(${query} [${minutes}m]))`;
  const r = await getJson<QueryResult>(ctx, gateway(ctx, `/loki/api/v1/query?query=${encodeURIComponent(q)}`));
  return Number(r.data.result[0]?.value?.[1] ?? 0);
}

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
  params: z.strictObject({ bucket: z.string() }),
  async run(ctx, p) {
    // Ask the ingesters to flush now instead of waiting for chunk_idle_period.
    const flush = await fetch(ctx.url('loki-write', 3100, '/flush'), { method: 'POST', signal: ctx.signal });
    if (!flush.ok) throw new Error(`POST /flush on loki-write answered ${flush.status}`);
    // mc ships in the MinIO image; the credentials come from the container's own environment.
    const list = `MC_HOST_local="http://$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD@127.0.0.1:9000" mc ls --recursive local/${p.bucket}`;
    return until(
      ctx,
      async () => {
        const out = await ctx.compose(['exec', '-T', 'minio', 'sh', '-c', list]);
        const objects = out.split('\n').filter((l) => l.trim() !== '');
        const chunks = objects.filter((l) => !/\sindex\//.test(l));
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
    const headers = { Authorization: basicAuth(ctx, 'grafana') };
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

async function healthyReplicas(ctx: CheckContext, service: string): Promise<number> {
  const containers = parsePs(await ctx.compose(['ps', '--format', 'json', service]));
  return containers.filter((c) => c.service === service && c.state === 'running' && c.health === 'healthy').length;
}

const readScaled = defineCheck({
  params: z.strictObject({ replicas: z.number().int().min(2), queries: z.number().int().positive() }),
  async run(ctx, p) {
    ctx.progress(`scaling loki-read to ${p.replicas}`);
    await ctx.compose(['up', '-d', '--no-recreate', '--scale', `loki-read=${p.replicas}`, 'loki-read']);
    try {
      await until(
        ctx,
        async () => ((await healthyReplicas(ctx, 'loki-read')) >= p.replicas ? true : undefined),
        `${p.replicas} healthy loki-read replicas`,
        2000,
      );
      // The gateway re-resolves loki-read every 5 s; give it that long to see the new replicas.
      await sleep(6000, ctx.signal);
      let ok = 0;
      for (let i = 0; i < p.queries; i++) {
        const res = await fetch(gateway(ctx, '/loki/api/v1/labels'), { signal: ctx.signal });
        if (res.ok) ok++;
      }
      if (ok !== p.queries) throw new Error(`${p.queries - ok} of ${p.queries} queries failed with ${p.replicas} replicas`);
      return `${ok}/${p.queries} label queries answered through the gateway with ${p.replicas} loki-read replicas`;
    } finally {
      await ctx.compose(['up', '-d', '--no-recreate', '--scale', 'loki-read=1', 'loki-read']).catch(() => undefined);
    }
  },
});

const writeRestart = defineCheck({
  params: z.strictObject({ requests: z.number().int().positive(), ratePerSecond: z.number().positive() }),
  async run(ctx, p) {
    const tag = `restart-${randomUUID().slice(0, 8)}`;
    let answered = 0;
    let restart: Promise<unknown> | undefined;
    for (let i = 0; i < p.requests && !ctx.signal.aborted; i++) {
      if (i === Math.floor(p.requests / 3)) {
        ctx.progress('restarting loki-write while requests keep coming');
        restart = ctx.compose(['restart', 'loki-write']);
      }
      const res = await fetch(throughNginx(ctx, `/items/${1 + (i % 100)}`), {
        headers: { 'X-Request-ID': `${tag}-${i}` },
        signal: ctx.signal,
      });
      if (res.status === 200) answered++;
      await sleep(1000 / p.ratePerSecond, ctx.signal);
    }
    await restart;
    const query = `{service="app"} |= "${tag}"`;
    let seen = 0;
    await until(
      ctx,
      async () => {
        seen = await countLines(ctx, query);
        if (seen > answered) throw new Error(`Loki has ${seen} lines for ${answered} requests: lines were shipped twice`);
        if (seen < answered) throw new Error(`Loki has ${seen} of ${answered} lines so far`);
        return true;
      },
      'every line in Loki',
      3000,
    );
    return `${answered} requests answered by the app, ${seen} lines in Loki: none lost across the loki-write restart`;
  },
});

export default {
  'log-roundtrip': logRoundtrip,
  'prometheus-targets': prometheusTargets,
  'chunks-in-minio': chunksInMinio,
  'grafana-datasources': grafanaDatasources,
  'read-scaled': readScaled,
  'write-restart': writeRestart,
} satisfies CheckTypes;
