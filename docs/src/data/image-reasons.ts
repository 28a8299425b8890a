// Why each image line is the one pinned, keyed by image repository (the tag itself comes from
// the compose files). test/pages.test.mts fails when a lab uses a repository missing here.
import type { Locale } from '../components/locale';

export const imageReasons: Record<string, Record<Locale, string>> = {
  'grafana/loki': {
    'zh-TW': '3.7 版本線的修補版。3.6 起映像檔是 distroless（沒有 shell），健康檢查用 loki -health。SSD 在 4.0 移除，所以固定在 3.x。',
    en: 'A patch release of the 3.7 line. From 3.6 the image is distroless (no shell), so the healthcheck runs loki -health. SSD is removed in 4.0, so the lab stays on 3.x.',
  },
  'grafana/promtail': {
    'zh-TW': 'Promtail 的最後一個版本線（3.6）；Promtail 在 2026-03-02 停止維護，3.7 沒有 Promtail 映像檔。',
    en: "Promtail's last line (3.6); Promtail reached end of life on 2026-03-02 and 3.7 has no Promtail image.",
  },
  'grafana/alloy': {
    'zh-TW': 'Promtail 的後繼者，使用目前的 1.x 修補版。',
    en: "Promtail's successor, on a current 1.x patch release.",
  },
  'quay.io/minio/minio': {
    'zh-TW': '社群版停止發布前的已發布版本，仍由 quay.io 提供；console 只剩物件瀏覽，本實驗也只需要這個。',
    en: 'A release published before community images stopped, still served by quay.io; its console only browses objects, which is all the lab needs.',
  },
  'prom/prometheus': {
    'zh-TW': 'Prometheus 3 的長期支援版本線。',
    en: "Prometheus 3's long-term support line.",
  },
  'grafana/grafana': { 'zh-TW': 'Grafana 目前的主版本（13）。', en: "Grafana's current major version (13)." },
  nginx: {
    'zh-TW': 'Nginx 的 stable 版本線（alpine），用在 app 前面與 loki-gateway。',
    en: "Nginx's stable line (alpine), in front of the app and as loki-gateway.",
  },
  'grafana/k6': { 'zh-TW': 'k6 1.x 的穩定版本。', en: 'A stable k6 1.x release.' },
  'jaegertracing/jaeger': {
    'zh-TW': 'Jaeger v2：單一執行檔，依設定檔扮演 collector、ingester、query。',
    en: 'Jaeger v2: one binary whose config picks the role (collector, ingester, query).',
  },
  'jaegertracing/jaeger-remote-storage': {
    'zh-TW': '和 Jaeger 同版本的 remote storage，以 gRPC 提供記憶體儲存。',
    en: 'Remote storage of the same version as Jaeger, serving memory storage over gRPC.',
  },
  'apache/kafka': {
    'zh-TW': 'Apache 官方映像檔，KRaft 模式；jaegertracing/jaeger 自己的 Kafka 範例用的版本線。',
    en: "Apache's own image in KRaft mode; the line jaegertracing/jaeger's own Kafka example uses.",
  },
  'confluentinc/cp-kafka': {
    'zh-TW': 'Confluent Platform 7.9（Kafka 3.9），最後一個支援 ZooKeeper 的版本線（ZooKeeper 變體）。',
    en: 'Confluent Platform 7.9 (Kafka 3.9), the last line with ZooKeeper (the ZooKeeper variant).',
  },
  'confluentinc/cp-zookeeper': {
    'zh-TW': '和 cp-kafka 同一個 Confluent 版本線（ZooKeeper 變體）。',
    en: 'The same Confluent line as cp-kafka (the ZooKeeper variant).',
  },
  'docker.redpanda.com/redpandadata/console': {
    'zh-TW': 'Redpanda Console 3，直接連 Kafka 檢視 topic、訊息與 consumer group。',
    en: 'Redpanda Console 3, talking to Kafka directly to show topics, messages and consumer groups.',
  },
  'ghcr.io/grafana/xk6-client-tracing': {
    'zh-TW': 'xk6-client-tracing 的最新 tag；腳本不從網路載入任何東西，離線教室也能跑。',
    en: "xk6-client-tracing's newest tag; the script loads nothing from the network, so it runs in an offline classroom.",
  },
};

/** `quay.io/minio/minio:RELEASE...` -> `quay.io/minio/minio` (a registry port is not a tag). */
export function imageRepository(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(0, colon) : image;
}
