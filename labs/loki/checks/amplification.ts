// What one write costs, measured in one run from the components' own counters and the bucket:
// the distributor's pushes and the appends it sends to ingesters (one per replica), the WAL bytes
// the ingesters log, the chunks they upload, and the chunk objects MinIO gains. A chunk's object
// key is its tenant, stream fingerprint, time range and checksum (docs/sources/get-started/
// components.md, "Ingester", v3.7.6), so replicas that cut the same chunk write the same object.
import { randomUUID } from 'node:crypto';
import { defineCheck } from '@obslab/runner';
import { z } from 'zod';
import { bucketObjects, flushIngesters, isChunk, type StoredObject, scrapeAll, sendTagged, untilAllIds } from './helpers.ts';
import { type Sample, total } from './metrics.ts';

interface Counters {
  pushes: number;
  lines: number;
  bytes: number;
  appends: number;
  replicationFactor: number;
  walBytes: number;
  chunksStored: number;
  chunkBytes: number;
}

/** The write path's counters: the distributor's, and the ingesters' summed. */
export function writeCounters(distributor: Sample[], ingesters: Sample[]): Counters {
  return {
    pushes: total(distributor, 'loki_request_duration_seconds_count', { route: 'loki_api_v1_push', status_code: /2../ }),
    lines: total(distributor, 'loki_distributor_lines_received_total'),
    bytes: total(distributor, 'loki_distributor_bytes_received_total'),
    appends: total(distributor, 'loki_distributor_ingester_appends_total'),
    replicationFactor: total(distributor, 'loki_distributor_replication_factor'),
    walBytes: total(ingesters, 'loki_ingester_wal_logged_bytes_total'),
    chunksStored: total(ingesters, 'loki_ingester_chunks_stored_total'),
    chunkBytes: total(ingesters, 'loki_ingester_chunk_stored_bytes_total'),
  };
}

export interface Amplification {
  replicationFactor: number;
  pushes: number;
  appendsPerPush: number;
  linesIn: number;
  bytesIn: number;
  walBytes: number;
  /** Chunks the ingesters uploaded, and the new chunk objects the bucket holds for them. */
  chunksUploaded: number;
  chunkBytesUploaded: number;
  objects: number;
  objectBytes: number;
}

/** The difference between two readings, and the chunk objects that appeared in between. */
export function amplification(
  before: Counters,
  after: Counters,
  objectsBefore: StoredObject[],
  objectsAfter: StoredObject[],
): Amplification {
  const known = new Set(objectsBefore.map((o) => o.key));
  const added = objectsAfter.filter((o) => isChunk(o) && !known.has(o.key));
  const pushes = after.pushes - before.pushes;
  return {
    replicationFactor: after.replicationFactor,
    pushes,
    appendsPerPush: pushes > 0 ? (after.appends - before.appends) / pushes : 0,
    linesIn: after.lines - before.lines,
    bytesIn: after.bytes - before.bytes,
    walBytes: after.walBytes - before.walBytes,
    chunksUploaded: after.chunksStored - before.chunksStored,
    chunkBytesUploaded: after.chunkBytes - before.chunkBytes,
    objects: added.length,
    objectBytes: added.reduce((sum, o) => sum + o.bytes, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}x` : '-');

export function describe(a: Amplification): string {
  return (
    `replication factor ${a.replicationFactor}: ${a.pushes} pushes, ${a.appendsPerPush.toFixed(1)} ingester appends each; ` +
    `${a.linesIn} lines, ${kb(a.bytesIn)} in -> ${kb(a.walBytes)} written to WALs (${times(a.walBytes, a.bytesIn)}); ` +
    `ingesters uploaded ${a.chunksUploaded} chunks (${kb(a.chunkBytesUploaded)}), ` +
    `MinIO gained ${a.objects} chunk objects (${kb(a.objectBytes)}): ${times(a.chunksUploaded, a.objects)} uploads per object kept`
  );
}

export const writeAmplification = defineCheck({
  params: z.strictObject({
    /** The service running the distributor (loki-write in SSD) and those running ingesters. */
    distributor: z.string(),
    ingesters: z.array(z.string()).min(1),
    bucket: z.string(),
    requests: z.number().int().positive(),
    ratePerSecond: z.number().positive(),
  }),
  async run(ctx, p) {
    const read = async (): Promise<Counters> => {
      const [distributor = [], ...ingesters] = await scrapeAll(ctx, [p.distributor, ...p.ingesters]);
      return writeCounters(distributor, ingesters.flat());
    };
    // Start from empty ingesters, so the chunks counted below hold only this run's lines.
    ctx.progress('flushing what the ingesters hold');
    await flushIngesters(ctx, p.ingesters);
    const [before, objectsBefore] = await Promise.all([read(), bucketObjects(ctx, p.bucket)]);
    const tag = `amplify-${randomUUID().slice(0, 8)}`;
    ctx.progress(`sending ${p.requests} requests`);
    const sent = await sendTagged(ctx, tag, p.requests, p.ratePerSecond);
    await untilAllIds(ctx, tag, sent, 'before the flush');
    // Every replica flushes at the same moment: replicas of a stream then hold the same lines.
    ctx.progress('flushing the ingesters');
    await flushIngesters(ctx, p.ingesters);
    const [after, objectsAfter] = await Promise.all([read(), bucketObjects(ctx, p.bucket)]);
    const a = amplification(before, after, objectsBefore, objectsAfter);
    if (a.pushes < 1 || a.objects < 1) throw new Error(`nothing measured: ${describe(a)}`);
    // Each push goes to every ingester that holds a replica of one of its streams.
    if (Math.abs(a.appendsPerPush - Math.min(a.replicationFactor, p.ingesters.length)) > 0.25) {
      throw new Error(`expected about ${a.replicationFactor} ingester appends per push: ${describe(a)}`);
    }
    return describe(a);
  },
});
