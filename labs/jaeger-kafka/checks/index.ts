// The Jaeger lab's own verify checks (declared in lab.yaml; run by `pnpm lab:jaeger verify`).
import { type CheckTypes, defineCheck, sleep, until } from '@obslab/runner';
import { z } from 'zod';
import { jaegerApi } from './jaeger.ts';
import { endOffsets, groupState, summarizeLag, sumOffsets } from './kafka.ts';
import { outageExercise } from './outage.ts';

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
    const before = sumOffsets(await until(ctx, () => endOffsets(ctx, p.topic), `topic ${p.topic}`));
    await sleep(p.seconds * 1000, ctx.signal);
    const after = sumOffsets(await endOffsets(ctx, p.topic));
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
        const lag = summarizeLag(await groupState(ctx, p.group, p.topic));
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
        const service = p.services[0] as string;
        const found =
          (await jaegerApi<{ data: unknown[] | null }>(ctx, `/api/traces?service=${encodeURIComponent(service)}&limit=20`)).data ?? [];
        if (found.length === 0) throw new Error(`Jaeger finds no traces of ${service} yet`);
        return `${listed.length} services listed; ${found.length} recent traces of ${service}`;
      },
      'Jaeger services',
    );
  },
});

const outage = defineCheck({
  params: z.strictObject({
    stop: z.enum(['jaeger-ingester', 'jaeger-remote-storage']),
    group: z.string(),
    topic: z.string(),
    outageSeconds: z.number().positive(),
  }),
  run: outageExercise,
});

export default {
  'container-http': containerHttp,
  'topic-grows': topicGrows,
  'consumer-lag': consumerLag,
  'jaeger-services': jaegerServices,
  outage,
} satisfies CheckTypes;
