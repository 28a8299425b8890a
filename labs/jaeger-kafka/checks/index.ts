// The Jaeger lab's own verify checks (declared in lab.yaml; run by `pnpm lab:jaeger verify`).
import { type CheckContext, type CheckTypes, defineCheck, sleep, until } from '@obslab/runner';
import { z } from 'zod';
import { endOffsets, groupLag } from './kafka.ts';

async function jaegerApi<T>(ctx: CheckContext, path: string): Promise<T> {
  const url = ctx.url('jaeger-query', 16686, path);
  const res = await fetch(url, { signal: ctx.signal });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Traces of a service, optionally within [start, end] (milliseconds since the epoch). */
async function traces(ctx: CheckContext, service: string, window?: { start: number; end: number }): Promise<number> {
  const range = window ? `&start=${window.start * 1000}&end=${window.end * 1000}` : '&lookback=1h';
  const r = await jaegerApi<{ data: unknown[] | null }>(ctx, `/api/traces?service=${encodeURIComponent(service)}&limit=50${range}`);
  return r.data?.length ?? 0;
}

const containerHttp = defineCheck({
  params: z.strictObject({ service: z.string(), url: z.string().url(), contains: z.string().optional() }),
  async run(ctx, p) {
    // Health ports stay inside the lab's network; ask from within the container (busybox wget).
    return until(
      ctx,
      async () => {
        const body = await ctx.compose(['exec', '-T', p.service, 'wget', '-q', '-O', '-', p.url]);
        if (p.contains && !body.includes(p.contains)) throw new Error(`${p.url} answered without "${p.contains}"`);
        return `${p.service}: ${p.url} answered`;
      },
      `${p.service} health`,
    );
  },
});

const topicGrows = defineCheck({
  params: z.strictObject({ topic: z.string(), seconds: z.number().positive() }),
  async run(ctx, p) {
    const before = await until(ctx, () => endOffsets(ctx, p.topic), `topic ${p.topic}`);
    await sleep(p.seconds * 1000, ctx.signal);
    const after = await endOffsets(ctx, p.topic);
    if (after <= before) throw new Error(`${p.topic} did not grow in ${p.seconds}s (end offset ${before}): is xk6-tracing sending?`);
    return `${p.topic}: ${after - before} new messages in ${p.seconds}s (end offset ${after})`;
  },
});

const consumerLag = defineCheck({
  params: z.strictObject({ group: z.string(), topic: z.string(), maxLag: z.number().int().nonnegative() }),
  async run(ctx, p) {
    return until(
      ctx,
      async () => {
        const lag = await groupLag(ctx, p.group, p.topic);
        if (lag.partitions === 0) throw new Error(`consumer group ${p.group} has no offsets on ${p.topic} yet`);
        if (lag.uncommitted > 0 || lag.lag > p.maxLag) throw new Error(`lag ${lag.lag} on ${lag.partitions} partitions`);
        return `${p.group}: lag ${lag.lag} over ${lag.partitions} partitions`;
      },
      'consumer lag',
    );
  },
});

const jaegerServices = defineCheck({
  params: z.strictObject({ services: z.array(z.string()).min(1) }),
  async run(ctx, p) {
    return until(
      ctx,
      async () => {
        const listed = (await jaegerApi<{ data: string[] | null }>(ctx, '/api/services')).data ?? [];
        const missing = p.services.filter((s) => !listed.includes(s));
        if (missing.length > 0) throw new Error(`Jaeger does not list ${missing.join(', ')} yet (lists: ${listed.join(', ') || 'none'})`);
        const found = await traces(ctx, p.services[0] as string);
        if (found === 0) throw new Error(`no traces for ${p.services[0]} in the last hour`);
        return `${listed.length} services listed; ${found} traces of ${p.services[0]}`;
      },
      'Jaeger services',
    );
  },
});

const ingesterOutage = defineCheck({
  params: z.strictObject({ group: z.string(), topic: z.string(), outageSeconds: z.number().positive(), service: z.string() }),
  async run(ctx, p) {
    const stopped = Date.now();
    ctx.progress('stopping jaeger-ingester; the collector keeps writing to Kafka');
    await ctx.compose(['stop', 'jaeger-ingester']);
    try {
      await sleep(p.outageSeconds * 1000, ctx.signal);
      const during = await groupLag(ctx, p.group, p.topic);
      if (during.lag === 0) throw new Error('the lag did not grow while the ingester was stopped: is traffic flowing?');
      ctx.progress(`lag grew to ${during.lag}; starting jaeger-ingester again`);
      const restarted = Date.now();
      await ctx.compose(['start', 'jaeger-ingester']);
      const drained = await until(
        ctx,
        async () => {
          const lag = await groupLag(ctx, p.group, p.topic);
          if (lag.lag > 0) throw new Error(`draining: lag ${lag.lag}`);
          return Date.now() - restarted;
        },
        'lag drained',
      );
      const window = { start: stopped, end: stopped + p.outageSeconds * 1000 };
      const found = await until(ctx, async () => (await traces(ctx, p.service, window)) || undefined, `traces from the outage`);
      return `lag reached ${during.lag} during a ${p.outageSeconds}s outage, drained in ${(drained / 1000).toFixed(1)}s; ${found} ${p.service} traces from the outage are queryable`;
    } finally {
      await ctx.compose(['start', 'jaeger-ingester']).catch(() => undefined);
    }
  },
});

export default {
  'container-http': containerHttp,
  'topic-grows': topicGrows,
  'consumer-lag': consumerLag,
  'jaeger-services': jaegerServices,
  'ingester-outage': ingesterOutage,
} satisfies CheckTypes;
