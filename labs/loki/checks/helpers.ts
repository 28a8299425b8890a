// What the Loki lab's checks share: the lab's addresses, tagged traffic through Nginx and the
// request IDs Loki holds for it, replicas of scaled services, ingester flushes and MinIO listings.
import { type CheckContext, getJson, parsePs, sleep, until } from '@obslab/runner';
import { type Sample, scrape, total } from './metrics.ts';

export const gateway = (ctx: CheckContext, path: string) => ctx.url('loki-gateway', 3100, path);
export const throughNginx = (ctx: CheckContext, path: string) => ctx.url('nginx', 8080, path);

export interface QueryResult {
  data: { result: { metric?: Record<string, string>; values?: [string, string][]; value?: [number, string] }[] };
}

/** LogQL for the distinct request IDs of the app's lines that carry `tag` (one series per ID). */
export function requestIdQuery(tag: string, minutes = 30): string {
  return `count by (request_id) (count_over_time({service="app"} |= "${tag}" | json request_id="request_id" [${minutes}m]))`;
}

/** Request IDs Loki holds for a tag, read through the gateway (the read path). */
async function requestIdsInLoki(ctx: CheckContext, tag: string): Promise<Set<string>> {
  const r = await getJson<QueryResult>(ctx, gateway(ctx, `/loki/api/v1/query?query=${encodeURIComponent(requestIdQuery(tag))}`));
  return new Set(r.data.result.map((s) => s.metric?.request_id ?? '').filter((id) => id !== ''));
}

/** Waits until Loki holds every request ID in `sent`; names the missing ones while it waits. */
export async function untilAllIds(ctx: CheckContext, tag: string, sent: Set<string>, when: string): Promise<void> {
  await until(
    ctx,
    async () => {
      const seen = await requestIdsInLoki(ctx, tag);
      const missing = [...sent].filter((id) => !seen.has(id));
      if (missing.length > 0) {
        throw new Error(
          `Loki has ${sent.size - missing.length} of ${sent.size} request IDs ${when} (missing: ${missing.slice(0, 5).join(', ')})`,
        );
      }
      return true;
    },
    `every request ID ${when}`,
    3000,
  );
}

/**
 * Sends `count` requests through Nginx with IDs `<tag>-<i>`; returns the IDs the app answered.
 * `during(i)` runs before request i and is awaited (a restart, a query between requests).
 */
export async function sendTagged(
  ctx: CheckContext,
  tag: string,
  count: number,
  perSecond: number,
  during?: (i: number) => unknown,
): Promise<Set<string>> {
  const answered = new Set<string>();
  for (let i = 0; i < count && !ctx.signal.aborted; i++) {
    await during?.(i);
    const id = `${tag}-${i}`;
    const res = await fetch(throughNginx(ctx, `/items/${1 + (i % 100)}`), { headers: { 'X-Request-ID': id }, signal: ctx.signal });
    await res.arrayBuffer();
    if (res.status === 200) answered.add(id);
    await sleep(1000 / perSecond, ctx.signal);
  }
  return answered;
}

/** The running replicas of a service and the host URL of each one's `target` port. */
export async function replicaUrls(
  ctx: CheckContext,
  service: string,
  target: number,
  path: string,
): Promise<{ name: string; url: string }[]> {
  const containers = parsePs(await ctx.compose(['ps', '--format', 'json', service])).filter(
    (c) => c.service === service && c.state === 'running',
  );
  return Promise.all(
    containers.map(async (c) => {
      const index = /-(\d+)$/.exec(c.name)?.[1] ?? '1';
      // "127.0.0.1:3113": the port Docker really gave this replica out of the range.
      const address = (await ctx.compose(['port', '--index', index, service, String(target)])).trim();
      return { name: c.name, url: `http://${address}${path}` };
    }),
  );
}

export async function healthyReplicas(ctx: CheckContext, service: string): Promise<number> {
  const containers = parsePs(await ctx.compose(['ps', '--format', 'json', service]));
  return containers.filter((c) => c.service === service && c.state === 'running' && c.health === 'healthy').length;
}

/** Scales a service to `replicas` (leaving its running containers as they are) and waits until all are healthy. */
export async function scaleTo(ctx: CheckContext, service: string, replicas: number): Promise<void> {
  await ctx.compose(['up', '-d', '--no-recreate', '--scale', `${service}=${replicas}`, service]);
  await until(
    ctx,
    async () => ((await healthyReplicas(ctx, service)) >= replicas ? true : undefined),
    `${replicas} healthy ${service} replicas`,
    2000,
  );
}

/** Every container of the lab is running, and healthy where it has a healthcheck. */
export async function stackHealthy(ctx: CheckContext): Promise<true | undefined> {
  const containers = parsePs(await ctx.compose(['ps', '--all', '--format', 'json']));
  const waiting = containers.filter((c) => c.state !== 'running' || (c.health !== '' && c.health !== 'healthy'));
  if (containers.length === 0) throw new Error('no containers yet');
  if (waiting.length > 0) throw new Error(`waiting for ${waiting.map((c) => `${c.service} (${c.health || c.state})`).join(', ')}`);
  return true;
}

/** Each service's own /metrics, read at once. */
export function scrapeAll(ctx: CheckContext, services: string[]): Promise<Sample[][]> {
  return Promise.all(services.map((s) => scrape(ctx.url(s, 3100, '/metrics'), ctx.signal)));
}

/**
 * Asks every ingester to flush all it holds now (POST /flush queues the flushes), then waits until
 * their flush queues are empty and the count of stored chunks stops moving.
 */
export async function flushIngesters(ctx: CheckContext, ingesters: string[]): Promise<void> {
  await Promise.all(
    ingesters.map(async (service) => {
      const res = await fetch(ctx.url(service, 3100, '/flush'), { method: 'POST', signal: ctx.signal });
      if (!res.ok) throw new Error(`POST /flush on ${service} answered ${res.status}`);
    }),
  );
  let last = -1;
  await until(
    ctx,
    async () => {
      const samples = (await scrapeAll(ctx, ingesters)).flat();
      const queued = total(samples, 'loki_ingester_flush_queue_length');
      const stored = total(samples, 'loki_ingester_chunks_stored_total');
      const settled = queued === 0 && stored === last;
      last = stored;
      if (!settled) throw new Error(`ingesters still flushing (${queued} queued)`);
      return true;
    },
    'the flushes to finish',
    1500,
  );
}

export interface StoredObject {
  key: string;
  bytes: number;
}

const UNITS: Record<string, number> = { B: 1, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

/** `mc ls --recursive` lines (`[date] 1.2KiB STANDARD key`, the storage class in newer mc): each object's key and (rounded) size. */
export function parseMcList(out: string): StoredObject[] {
  return out.split('\n').flatMap((line) => {
    const m = /\]\s+([\d.]+)\s*([KMG]?i?B)\s+(?:[A-Z_]+\s+)?(\S+)\s*$/.exec(line);
    if (!m) return [];
    return [{ key: m[3] as string, bytes: Math.round(Number(m[1]) * (UNITS[(m[2] as string).toUpperCase()] ?? 1)) }];
  });
}

/** Every object in a MinIO bucket, listed by mc inside the MinIO container with its own credentials. */
export async function bucketObjects(ctx: CheckContext, bucket: string): Promise<StoredObject[]> {
  const list = `MC_HOST_local="http://$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD@127.0.0.1:9000" mc ls --recursive local/${bucket}`;
  return parseMcList(await ctx.compose(['exec', '-T', 'minio', 'sh', '-c', list]));
}

/** Chunk objects: everything but the TSDB index files under index/. */
export const isChunk = (o: StoredObject) => !o.key.startsWith('index/');
