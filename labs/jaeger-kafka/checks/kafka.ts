// Kafka's own command-line tools, run inside the kafka container. Their paths differ between
// apache/kafka (/opt/kafka/bin/*.sh, KRaft) and confluentinc/cp-kafka (on PATH, no .sh).
// Output formats: Apache Kafka 3.9, tools/src/main/java/org/apache/kafka/tools/GetOffsetShell.java,
// .../consumer/group/ConsumerGroupCommand.java and .../consumer/DefaultMessageFormatter.java.
import type { CheckContext } from '@obslab/runner';

/**
 * The tools' own heap. The container's KAFKA_HEAP_OPTS is the broker's, and kafka-run-class.sh
 * would give it to each tool too, next to the broker inside the container's memory limit. The
 * kafka healthchecks in both compose files use the same value (a contract test checks it).
 */
export const TOOL_HEAP_OPTS = '-Xmx64m';

export async function kafkaTool(ctx: CheckContext, tool: string, args: string[]): Promise<string> {
  const script = `if [ -x /opt/kafka/bin/${tool}.sh ]; then exec /opt/kafka/bin/${tool}.sh "$@"; else exec ${tool} "$@"; fi`;
  return ctx.compose([
    'exec',
    '-T',
    '-e',
    `KAFKA_HEAP_OPTS=${TOOL_HEAP_OPTS}`,
    'kafka',
    'sh',
    '-c',
    script,
    tool,
    '--bootstrap-server',
    'localhost:9092',
    ...args,
  ]);
}

/** Offset per partition number. */
export type PartitionOffsets = Map<number, number>;

/** `topic:partition:offset` lines printed by kafka-get-offsets -> end offset per partition. */
export function parsePartitionOffsets(output: string, topic: string): PartitionOffsets {
  const offsets: PartitionOffsets = new Map();
  for (const line of output.split('\n')) {
    const m = /^(.+):(\d+):(\d+)$/.exec(line.trim());
    if (m && m[1] === topic) offsets.set(Number(m[2]), Number(m[3]));
  }
  return offsets;
}

export const sumOffsets = (offsets: PartitionOffsets): number => [...offsets.values()].reduce((a, b) => a + b, 0);

export interface PartitionState {
  partition: number;
  /** The group's committed offset; undefined while the group has committed none ("-"). */
  committed?: number;
  logEnd?: number;
  lag?: number;
}

const numberOrUndefined = (cell: string | undefined) => (cell !== undefined && /^\d+$/.test(cell) ? Number(cell) : undefined);

/** The rows of `kafka-consumer-groups --describe --group G` for one topic, sorted by partition. */
export function parseGroupDescribe(output: string, group: string, topic: string): PartitionState[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[0] === group && c[1] === topic && /^\d+$/.test(c[2] ?? ''))
    .map((c) => ({
      partition: Number(c[2]),
      committed: numberOrUndefined(c[3]),
      logEnd: numberOrUndefined(c[4]),
      lag: numberOrUndefined(c[5]),
    }))
    .sort((a, b) => a.partition - b.partition);
}

export interface GroupLag {
  partitions: number;
  lag: number;
  /** Partitions without a committed offset yet (LAG printed as "-"). */
  uncommitted: number;
}

export function summarizeLag(rows: PartitionState[]): GroupLag {
  return {
    partitions: rows.length,
    lag: rows.reduce((sum, r) => sum + (r.lag ?? 0), 0),
    uncommitted: rows.filter((r) => r.lag === undefined).length,
  };
}

/** "lag 42 (p0 10, p1 20, p2 12)", the line the exercises print every few seconds. */
export function describeLag(rows: PartitionState[]): string {
  const parts = rows.map((r) => `p${r.partition} ${r.lag ?? '-'}`).join(', ');
  return `lag ${summarizeLag(rows).lag} (${parts})`;
}

/** True when the group has committed every partition at least up to `target`. */
export function reached(rows: PartitionState[], target: PartitionOffsets): boolean {
  return [...target].every(([partition, offset]) => {
    const committed = rows.find((r) => r.partition === partition)?.committed;
    return committed !== undefined && committed >= offset;
  });
}

export interface ConsoleRecord {
  partition: number;
  offset: number;
  value: string;
}

/** kafka-console-consumer output with print.partition and print.offset: `Partition:P\tOffset:O\tvalue`. */
export function parseConsoleRecords(output: string): ConsoleRecord[] {
  const records: ConsoleRecord[] = [];
  for (const line of output.split('\n')) {
    const m = /^Partition:(\d+)\tOffset:(\d+)\t(.*)$/.exec(line);
    if (m) records.push({ partition: Number(m[1]), offset: Number(m[2]), value: m[3] as string });
  }
  return records;
}

export async function endOffsets(ctx: CheckContext, topic: string): Promise<PartitionOffsets> {
  const out = await kafkaTool(ctx, 'kafka-get-offsets', ['--topic', topic]);
  const offsets = parsePartitionOffsets(out, topic);
  if (offsets.size === 0) throw new Error(`topic ${topic} not found: ${out.trim().slice(0, 200)}`);
  return offsets;
}

export async function groupState(ctx: CheckContext, group: string, topic: string): Promise<PartitionState[]> {
  return parseGroupDescribe(await kafkaTool(ctx, 'kafka-consumer-groups', ['--describe', '--group', group]), group, topic);
}

/** The `count` messages of one partition from `from` on (they must exist already). */
export async function readMessages(
  ctx: CheckContext,
  topic: string,
  partition: number,
  from: number,
  count: number,
): Promise<ConsoleRecord[]> {
  const out = await kafkaTool(ctx, 'kafka-console-consumer', [
    '--topic',
    topic,
    '--partition',
    String(partition),
    '--offset',
    String(from),
    '--max-messages',
    String(count),
    '--timeout-ms',
    '20000',
    '--property',
    'print.partition=true',
    '--property',
    'print.offset=true',
  ]);
  const records = parseConsoleRecords(out).filter((r) => r.partition === partition && r.offset >= from && r.offset < from + count);
  if (records.length !== count)
    throw new Error(`read ${records.length} of the ${count} messages of ${topic} partition ${partition} from offset ${from}`);
  return records;
}
