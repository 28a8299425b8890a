// The outage exercises: stop one service under load, watch the consumer lag grow, start it again,
// watch the lag drain, then prove that every trace produced meanwhile reached storage. What was
// produced is read back from the topic itself: the partition offsets when the service stopped and
// when it started again bound the window, and each message in it is OTLP JSON with trace IDs.
import { type CheckContext, sleep, until } from '@obslab/runner';
import { describeTally, lookUp } from './jaeger.ts';
import {
  describeLag,
  endOffsets,
  groupState,
  type PartitionOffsets,
  type PartitionState,
  reached,
  readMessages,
  summarizeLag,
  sumOffsets,
} from './kafka.ts';
import { addSpans, type SpansByTrace } from './otlp.ts';

export interface OutageParams {
  /** The compose service to stop. */
  stop: string;
  group: string;
  topic: string;
  outageSeconds: number;
}

/** How often the exercises print the consumer lag. */
const LAG_EVERY_MS = 5000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

const offsetsText = (o: PartitionOffsets) => [...o].map(([partition, offset]) => `p${partition} ${offset}`).join(', ');

/** Prints the lag every few seconds for `ms`, then returns the last reading. */
async function watchLag(ctx: CheckContext, p: OutageParams, ms: number, label: string): Promise<PartitionState[]> {
  const end = Date.now() + ms;
  let rows = await groupState(ctx, p.group, p.topic);
  while (Date.now() < end) {
    ctx.progress(`${label}: ${describeLag(rows)}, ${Math.ceil((end - Date.now()) / 1000)}s to go`);
    await sleep(Math.min(LAG_EVERY_MS, Math.max(0, end - Date.now())), ctx.signal);
    if (ctx.signal.aborted) throw new Error(`${label}: ${describeLag(rows)}`);
    rows = await groupState(ctx, p.group, p.topic);
  }
  return rows;
}

/** Waits until the group has committed past `target` on every partition, printing the lag. */
async function drain(ctx: CheckContext, p: OutageParams, target: PartitionOffsets): Promise<number> {
  const started = Date.now();
  for (;;) {
    const rows = await groupState(ctx, p.group, p.topic);
    if (reached(rows, target)) return Date.now() - started;
    ctx.progress(`draining: ${describeLag(rows)}, ${seconds(Date.now() - started)} since the restart`);
    await sleep(LAG_EVERY_MS, ctx.signal);
    if (ctx.signal.aborted) throw new Error(`${p.group} has not committed up to ${offsetsText(target)} yet: ${describeLag(rows)}`);
  }
}

/** Every span in the messages between two sets of end offsets, by trace. */
async function producedBetween(ctx: CheckContext, topic: string, from: PartitionOffsets, to: PartitionOffsets): Promise<SpansByTrace> {
  const traces: SpansByTrace = new Map();
  for (const [partition, end] of to) {
    const start = from.get(partition) ?? 0;
    if (end <= start) continue;
    for (const record of await readMessages(ctx, topic, partition, start, end - start)) {
      try {
        addSpans(record.value, traces);
      } catch (err) {
        throw new Error(`${topic} partition ${partition} offset ${record.offset}: ${(err as Error).message}`);
      }
    }
  }
  return traces;
}

export async function outageExercise(ctx: CheckContext, p: OutageParams): Promise<string> {
  ctx.progress(`stopping ${p.stop} for ${p.outageSeconds}s; the collector keeps writing to Kafka`);
  await ctx.compose(['stop', p.stop]);
  try {
    // The window opens once the service is down, so nothing in it was written before the stop
    // (a restarted memory store has lost that), and closes before it starts again.
    const before = await endOffsets(ctx, p.topic);
    const during = summarizeLag(await watchLag(ctx, p, p.outageSeconds * 1000, `${p.stop} stopped`));
    const after = await endOffsets(ctx, p.topic);
    const produced = sumOffsets(after) - sumOffsets(before);
    if (produced === 0) throw new Error(`no message reached ${p.topic} during the outage: is xk6-tracing sending?`);
    ctx.progress(`${produced} messages arrived meanwhile, lag ${during.lag}; starting ${p.stop} again`);
    await ctx.compose(['start', p.stop]);

    const drainedMs = await drain(ctx, p, after);
    ctx.progress(`drained in ${seconds(drainedMs)}; reading the outage's messages back from ${p.topic}`);
    const expected = await producedBetween(ctx, p.topic, before, after);
    if (expected.size === 0) throw new Error(`the ${produced} messages of the outage hold no spans`);
    const known = new Map<string, Set<string>>();
    const found = await until(
      ctx,
      async () => {
        const t = await lookUp(ctx, expected, known);
        if (t.complete.length < t.traces) throw new Error(describeTally(t));
        return describeTally(t);
      },
      'looking up the traces',
    );
    return `${found}, all produced during the ${p.outageSeconds}s outage (${produced} messages); lag reached ${during.lag} and drained ${seconds(drainedMs)} after the restart`;
  } finally {
    // Whatever happened, leave the lab running.
    await ctx.compose(['start', p.stop]).catch(() => undefined);
  }
}
