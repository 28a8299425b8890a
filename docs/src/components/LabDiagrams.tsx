// The labs' data-flow diagrams in both languages. Service names are the compose services'
// own; the Loki read path is the one upstream SSD runs and labs/loki/config/loki/loki.yaml wires:
// the read target's query-frontend queues subqueries in loki-backend's query scheduler, the
// queriers of every read replica pull them, ask the backend's index gateway which chunks to read,
// and ask the ingesters on loki-write for recent data (grafana/loki v3.7.6
// docs/sources/get-started/architecture.md "Read path"). The Jaeger diagram marks what lives in
// memory only (labs/jaeger-kafka/README.md "What is durable").
import type { ReactNode } from 'react';
import { Diagram, type DiagramSpec } from './Diagram';
import { type Locale, useLocale } from './locale';

const T = {
  'zh-TW': {
    writeTitle: 'Loki 寫入路徑',
    writeCaption: '寫入路徑：app 與 Nginx 的日誌經收集器與 gateway 進入 loki-write，ingester 再把 chunk 與索引寫進 MinIO。',
    traffic: '產生流量',
    proxy: '反向代理',
    logs: '容器日誌（stdout）',
    onlyLabelled: '只收 logging=promtail',
    socket: 'Docker socket',
    pushRoute: '/push → loki-write',
    memWal: '記憶體 + WAL（在 volume 上）',
    chunksIndex: 'loki-data：chunk 與索引',
    flush: 'flush',
    readTitle: 'Loki 查詢路徑',
    readCaption:
      '查詢路徑：query-frontend 把查詢切成子查詢，排進 loki-backend 的 query scheduler；任何一份 loki-read 的 querier 都從這個佇列取子查詢，向 loki-backend 的 index gateway 問要讀哪些 chunk，近期資料問 loki-write 的 ingester，較舊的資料直接讀 MinIO。',
    explore: 'Explore 的 LogQL',
    queryRoutes: '查詢 API → loki-read',
    anyReplica: '任一份副本',
    split: '切成子查詢',
    queue: '子查詢佇列',
    enqueue: '排入',
    pull: '取出',
    chunkRefs: '要讀哪些 chunk',
    recent: '近 3 小時',
    older: '較舊',
    recentData: '記憶體中的新資料',
    olderData: '已 flush 的 chunk',
    jaegerTitle: 'Jaeger 搭配 Kafka 的資料流',
    jaegerCaption:
      '每個 span 先寫進 Kafka topic，ingester 以自己的速度讀出、寫進 remote storage，寫入成功後才提交 offset；Jaeger query 從同一個 storage 查詢。',
    synthetic: '模擬網路商店的 trace',
    topic: 'topic jaeger-spans',
    group: 'consumer group jaeger-ingester',
    commit: '寫入成功後提交 offset',
    memory: '記憶體儲存（重啟即清空）',
    batches: '批次只在記憶體裡',
    noVolume: '沒有 volume，down 即清空',
    read: '查詢',
    write: '寫入',
    browser: '瀏覽器',
    console: '檢視 topic',
    uiApi: 'UI 與 API',
    poll: '讀取',
  },
  en: {
    writeTitle: 'Loki write path',
    writeCaption:
      'Write path: the logs of the app and Nginx go through the collector and the gateway to loki-write, whose ingester writes chunks and index to MinIO.',
    traffic: 'makes traffic',
    proxy: 'reverse proxy',
    logs: 'container logs (stdout)',
    onlyLabelled: 'only logging=promtail',
    socket: 'Docker socket',
    pushRoute: '/push → loki-write',
    memWal: 'memory + WAL (on a volume)',
    chunksIndex: 'loki-data: chunks, index',
    flush: 'flush',
    readTitle: 'Loki read path',
    readCaption:
      "Read path: the query-frontend splits a query into subqueries and queues them in loki-backend's query scheduler; the queriers of every loki-read replica pull them from that queue, ask loki-backend's index gateway which chunks to read, ask loki-write's ingesters for recent data and read older chunks from MinIO.",
    explore: 'LogQL in Explore',
    queryRoutes: 'query APIs → loki-read',
    anyReplica: 'any replica',
    split: 'splits the query',
    queue: 'subquery queue',
    enqueue: 'enqueue',
    pull: 'pull',
    chunkRefs: 'which chunks?',
    recent: 'last 3 h',
    older: 'older',
    recentData: 'recent data in memory',
    olderData: 'flushed chunks',
    jaegerTitle: 'Jaeger with Kafka: the data flow',
    jaegerCaption:
      'Every span is written to a Kafka topic first; the ingester reads it at its own pace and writes it to remote storage, committing the offset only after the write succeeded; Jaeger query reads the same storage.',
    synthetic: "a synthetic shop's traces",
    topic: 'topic jaeger-spans',
    group: 'consumer group jaeger-ingester',
    commit: 'commit offset after write',
    memory: 'in memory (lost on restart)',
    batches: 'batches in memory only',
    noVolume: 'no volume: down removes it',
    read: 'read',
    write: 'write',
    browser: 'browser',
    console: 'shows the topic',
    uiApi: 'UI and API',
    poll: 'poll',
  },
} satisfies Record<Locale, Record<string, string>>;

function lokiWriteSpec(t: (typeof T)[Locale]): DiagramSpec {
  return {
    id: 'loki-write',
    title: t.writeTitle,
    caption: t.writeCaption,
    rows: [
      [
        { id: 'k6', cols: [0, 1.8], title: 'k6', lines: [t.traffic] },
        { id: 'nginx', cols: [2.1, 3.9], title: 'nginx', lines: [t.proxy] },
        { id: 'app', cols: [4.2, 6], title: 'app', lines: ['FastAPI'] },
      ],
      [{ id: 'docker', cols: [1.5, 6], title: 'Docker', lines: [t.logs] }],
      [{ id: 'collector', cols: [1, 5], title: 'promtail / alloy', lines: [t.onlyLabelled] }],
      [{ id: 'gateway', cols: [1, 5], title: 'loki-gateway', lines: [t.pushRoute] }],
      [{ id: 'write', cols: [0.5, 5.5], title: 'loki-write', lines: [t.memWal], parts: ['distributor', 'ingester'] }],
      [{ id: 'minio', cols: [1, 5], title: 'MinIO', lines: [t.chunksIndex], store: true }],
    ],
    edges: [
      { from: 'k6', to: 'nginx', tone: 'write' },
      { from: 'nginx', to: 'app', tone: 'write' },
      { from: 'nginx', to: 'docker', tone: 'write', dashed: true },
      { from: 'app', to: 'docker', tone: 'write', dashed: true },
      { from: 'docker', to: 'collector', label: t.socket, tone: 'write' },
      { from: 'collector', to: 'gateway', label: 'push', tone: 'write' },
      { from: 'gateway', to: 'write', tone: 'write' },
      { from: 'write', to: 'minio', label: t.flush, tone: 'write' },
    ],
  };
}

function lokiReadSpec(t: (typeof T)[Locale]): DiagramSpec {
  return {
    id: 'loki-read',
    title: t.readTitle,
    caption: t.readCaption,
    rows: [
      [{ id: 'grafana', cols: [1, 5], title: 'Grafana', lines: [t.explore] }],
      [{ id: 'gateway', cols: [1, 5], title: 'loki-gateway', lines: [t.queryRoutes] }],
      [
        { id: 'frontend', cols: [0, 2.8], title: 'loki-read', lines: ['query-frontend', t.split] },
        { id: 'scheduler', cols: [3.2, 6], title: 'loki-backend', lines: ['query-scheduler', t.queue] },
      ],
      [
        { id: 'querier', cols: [0, 2.8], title: 'loki-read', lines: ['querier', t.anyReplica] },
        { id: 'indexgw', cols: [3.2, 6], title: 'loki-backend', lines: ['index-gateway'] },
      ],
      [
        { id: 'ingester', cols: [0, 2.8], title: 'loki-write', lines: ['ingester', t.recentData] },
        { id: 'minio', cols: [3.2, 6], title: 'MinIO', lines: [t.olderData], store: true },
      ],
    ],
    edges: [
      { from: 'grafana', to: 'gateway', tone: 'read' },
      { from: 'gateway', to: 'frontend', tone: 'read' },
      { from: 'frontend', to: 'scheduler', label: t.enqueue, tone: 'read' },
      { from: 'scheduler', to: 'querier', label: t.pull, tone: 'read' },
      { from: 'querier', to: 'indexgw', label: t.chunkRefs, tone: 'read' },
      { from: 'querier', to: 'ingester', label: t.recent, tone: 'read' },
      { from: 'querier', to: 'minio', label: t.older, tone: 'read' },
    ],
  };
}

function jaegerSpec(t: (typeof T)[Locale]): DiagramSpec {
  return {
    id: 'jaeger',
    title: t.jaegerTitle,
    caption: t.jaegerCaption,
    rows: [
      [{ id: 'xk6', cols: [0, 3.9], title: 'xk6-tracing', lines: [t.synthetic] }],
      [{ id: 'collector', cols: [0, 3.9], title: 'jaeger-collector', lines: [t.batches] }],
      [
        { id: 'kafka', cols: [0, 3.9], title: 'Kafka', lines: [t.topic, t.noVolume], parts: ['p0', 'p1', 'p2'], store: true },
        { id: 'console', cols: [4.2, 6], title: 'Redpanda', lines: ['Console'] },
      ],
      [{ id: 'ingester', cols: [0, 3.9], title: 'jaeger-ingester', lines: [t.group] }],
      [{ id: 'storage', cols: [0, 3.9], title: 'jaeger-remote-storage', lines: [t.memory], store: true }],
      [
        { id: 'query', cols: [0, 3.9], title: 'jaeger-query', lines: [t.uiApi] },
        { id: 'browser', cols: [4.2, 6], title: t.browser },
      ],
    ],
    edges: [
      { from: 'xk6', to: 'collector', label: 'OTLP gRPC', tone: 'write' },
      { from: 'collector', to: 'kafka', label: 'otlp_json', tone: 'write' },
      { from: 'console', to: 'kafka', dashed: true },
      { from: 'kafka', to: 'ingester', label: t.poll, tone: 'write' },
      { from: 'ingester', to: 'storage', label: t.commit, tone: 'write' },
      { from: 'query', to: 'storage', label: t.read, tone: 'read' },
      { from: 'browser', to: 'query', tone: 'read' },
    ],
  };
}

export function LokiWritePath(): ReactNode {
  return <Diagram spec={lokiWriteSpec(T[useLocale()])} />;
}

export function LokiReadPath(): ReactNode {
  return <Diagram spec={lokiReadSpec(T[useLocale()])} />;
}

export function JaegerPipeline(): ReactNode {
  return <Diagram spec={jaegerSpec(T[useLocale()])} />;
}
