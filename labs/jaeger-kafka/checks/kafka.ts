// Kafka's own command-line tools, run inside the kafka container. Their paths differ between
// apache/kafka (/opt/kafka/bin/*.sh, KRaft) and confluentinc/cp-kafka (on PATH, no .sh).
import type { CheckContext } from '@obslab/runner';

export async function kafkaTool(ctx: CheckContext, tool: string, args: string[]): Promise<string> {
  const script = `if [ -x /opt/kafka/bin/${tool}.sh ]; then exec /opt/kafka/bin/${tool}.sh "$@"; else exec ${tool} "$@"; fi`;
  return ctx.compose(['exec', '-T', 'kafka', 'sh', '-c', script, tool, '--bootstrap-server', 'localhost:9092', ...args]);
}

/** `topic:partition:offset` lines from kafka-get-offsets -> total end offset of the topic. */
export function parseEndOffsets(output: string, topic: string): number | undefined {
  const rows = output
    .split('\n')
    .map((l) => l.trim().split(':'))
    .filter((p) => p.length === 3 && p[0] === topic);
  return rows.length === 0 ? undefined : rows.reduce((sum, p) => sum + Number(p[2]), 0);
}

export interface GroupLag {
  partitions: number;
  lag: number;
  /** Partitions without a committed offset yet (LAG printed as "-"). */
  uncommitted: number;
}

/** The table printed by `kafka-consumer-groups --describe --group G`. */
export function parseGroupLag(output: string, group: string, topic: string): GroupLag {
  const rows = output
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[0] === group && c[1] === topic);
  return {
    partitions: rows.length,
    lag: rows.reduce((sum, c) => sum + (/^\d+$/.test(c[5] ?? '') ? Number(c[5]) : 0), 0),
    uncommitted: rows.filter((c) => !/^\d+$/.test(c[5] ?? '')).length,
  };
}

export async function endOffsets(ctx: CheckContext, topic: string): Promise<number> {
  const out = await kafkaTool(ctx, 'kafka-get-offsets', ['--topic', topic]);
  const total = parseEndOffsets(out, topic);
  if (total === undefined) throw new Error(`topic ${topic} not found: ${out.trim().slice(0, 200)}`);
  return total;
}

export async function groupLag(ctx: CheckContext, group: string, topic: string): Promise<GroupLag> {
  return parseGroupLag(await kafkaTool(ctx, 'kafka-consumer-groups', ['--describe', '--group', group]), group, topic);
}
