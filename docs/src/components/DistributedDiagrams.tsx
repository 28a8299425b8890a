// The Loki lab's distributed mode (compose.distributed.yaml) as two diagrams in both languages:
// the write path, where the distributor sends every stream to all three ingesters (replication
// factor 3, quorum 2), and the read path through the query-scheduler's queue. Component roles
// from grafana/loki v3.7.6 docs/sources/get-started/components.md and hash-rings.md.
import type { ReactNode } from 'react';
import { Diagram, type DiagramSpec } from './Diagram';
import { type Locale, useLocale } from './locale';

const T = {
  'zh-TW': {
    writeTitle: 'distributed 模式的寫入路徑',
    writeCaption:
      '寫入路徑：distributor 依 hash ring 把每個 stream 送給三個 ingester，兩個確認就回應成功；三個 ingester 各自 flush 同一個 chunk，物件名稱相同，MinIO 只留一份。',
    pushRoute: '/push → distributor',
    ring: '依 ring 送給 3 個',
    replica: '副本',
    quorum: '2 of 3 確認',
    sameChunk: '相同 chunk，只存一份',
    flush: 'flush',
    readTitle: 'distributed 模式的查詢路徑',
    readCaption:
      '查詢路徑：query-frontend 把查詢切成子查詢排進 query-scheduler；兩個（可擴展的）querier 取出工作，向 index-gateway 問 chunk，近期資料問 ingester，較舊的讀 MinIO。',
    split: '切成子查詢',
    queue: '佇列',
    workers: '× 2，可擴展',
    enqueue: '排入',
    pull: '取出',
    chunkRefs: '要讀哪些 chunk',
    recent: '近期資料',
    older: '較舊的 chunk',
  },
  en: {
    writeTitle: 'Distributed mode: the write path',
    writeCaption:
      'Write path: the distributor sends each stream to the three ingesters the hash ring picks and answers once two have it; each ingester flushes the same chunk under the same object key, so MinIO keeps one copy.',
    pushRoute: '/push → distributor',
    ring: 'to 3 by the ring',
    replica: 'replica',
    quorum: '2 of 3 acks',
    sameChunk: 'same chunk, kept once',
    flush: 'flush',
    readTitle: 'Distributed mode: the read path',
    readCaption:
      'Read path: the query-frontend splits a query and queues the parts in the query-scheduler; two (scalable) queriers take the work, ask the index-gateway which chunks to read, the ingesters for recent data and MinIO for older chunks.',
    split: 'splits queries',
    queue: 'the queue',
    workers: '× 2, scalable',
    enqueue: 'enqueue',
    pull: 'take',
    chunkRefs: 'which chunks',
    recent: 'recent data',
    older: 'older chunks',
  },
} as const;

function writeSpec(t: (typeof T)[Locale]): DiagramSpec {
  return {
    id: 'loki-distributed-write',
    title: t.writeTitle,
    caption: t.writeCaption,
    rows: [
      [{ id: 'gateway', cols: [1, 5], title: 'loki-gateway', lines: [t.pushRoute] }],
      [{ id: 'distributor', cols: [1, 5], title: 'loki-distributor', lines: [t.quorum] }],
      [
        { id: 'i1', cols: [0, 2], title: 'ingester-1', lines: [t.replica] },
        { id: 'i2', cols: [2, 4], title: 'ingester-2', lines: [t.replica] },
        { id: 'i3', cols: [4, 6], title: 'ingester-3', lines: [t.replica] },
      ],
      [{ id: 'minio', cols: [1, 5], title: 'MinIO', lines: [t.sameChunk], store: true }],
    ],
    edges: [
      { from: 'gateway', to: 'distributor', tone: 'write' },
      { from: 'distributor', to: 'i1', tone: 'write' },
      { from: 'distributor', to: 'i2', label: t.ring, tone: 'write' },
      { from: 'distributor', to: 'i3', tone: 'write' },
      { from: 'i1', to: 'minio', tone: 'write', dashed: true },
      { from: 'i2', to: 'minio', label: t.flush, tone: 'write', dashed: true },
      { from: 'i3', to: 'minio', tone: 'write', dashed: true },
    ],
  };
}

function readSpec(t: (typeof T)[Locale]): DiagramSpec {
  return {
    id: 'loki-distributed-read',
    title: t.readTitle,
    caption: t.readCaption,
    rows: [
      [{ id: 'gateway', cols: [1, 5], title: 'loki-gateway' }],
      [
        { id: 'frontend', cols: [0, 2.8], title: 'query-frontend', lines: [t.split] },
        { id: 'scheduler', cols: [3.2, 6], title: 'query-scheduler', lines: [t.queue] },
      ],
      [
        { id: 'querier', cols: [0, 2.8], title: 'loki-querier', lines: [t.workers] },
        { id: 'indexgw', cols: [3.2, 6], title: 'index-gateway' },
      ],
      [
        { id: 'ingesters', cols: [0, 2.8], title: 'ingester 1-3', lines: [t.recent] },
        { id: 'minio', cols: [3.2, 6], title: 'MinIO', lines: [t.older], store: true },
      ],
    ],
    edges: [
      { from: 'gateway', to: 'frontend', tone: 'read' },
      { from: 'frontend', to: 'scheduler', label: t.enqueue, tone: 'read' },
      { from: 'scheduler', to: 'querier', label: t.pull, tone: 'read' },
      { from: 'querier', to: 'indexgw', label: t.chunkRefs, tone: 'read' },
      { from: 'querier', to: 'ingesters', tone: 'read' },
      { from: 'querier', to: 'minio', tone: 'read' },
    ],
  };
}

export function LokiDistributedWrite(): ReactNode {
  return <Diagram spec={writeSpec(T[useLocale()])} />;
}

export function LokiDistributedRead(): ReactNode {
  return <Diagram spec={readSpec(T[useLocale()])} />;
}
