// "Learn more" links: each lab service's upstream documentation. Keyed by compose service name;
// test/pages.test.mts fails when a lab gains a service that has no entry here.
export interface Upstream {
  name: string;
  url: string;
}

const loki: Upstream = {
  name: 'Grafana Loki: deployment modes (Simple Scalable)',
  url: 'https://grafana.com/docs/loki/latest/get-started/deployment-modes/',
};
const components: Upstream = { name: 'Grafana Loki: components', url: 'https://grafana.com/docs/loki/latest/get-started/components/' };
const rings: Upstream = { name: 'Grafana Loki: hash rings', url: 'https://grafana.com/docs/loki/latest/get-started/hash-rings/' };
const jaeger: Upstream = { name: 'Jaeger v2: architecture and roles', url: 'https://www.jaegertracing.io/docs/2.20/architecture/' };
const kafka: Upstream = { name: 'Apache Kafka documentation', url: 'https://kafka.apache.org/documentation/' };

export const upstreamByService: Record<string, Upstream> = {
  app: { name: 'FastAPI', url: 'https://fastapi.tiangolo.com/' },
  nginx: { name: 'NGINX: reverse proxy and logging', url: 'https://nginx.org/en/docs/http/ngx_http_log_module.html' },
  promtail: { name: 'Promtail (end of life) and the move to Alloy', url: 'https://grafana.com/docs/loki/latest/send-data/promtail/' },
  alloy: {
    name: 'Grafana Alloy: collect Docker logs',
    url: 'https://grafana.com/docs/alloy/latest/reference/components/loki/loki.source.docker/',
  },
  'loki-gateway': { name: 'Loki SSD example (getting-started)', url: 'https://github.com/grafana/loki/tree/main/examples/getting-started' },
  'loki-read': { name: 'Grafana Loki: the read path', url: 'https://grafana.com/docs/loki/latest/get-started/architecture/' },
  'loki-write': {
    name: 'Grafana Loki: components (distributor, ingester)',
    url: 'https://grafana.com/docs/loki/latest/get-started/components/',
  },
  'loki-backend': loki,
  // Distributed mode.
  'loki-distributor': components,
  'loki-ingester-1': rings,
  'loki-ingester-2': rings,
  'loki-ingester-3': rings,
  'loki-query-frontend': components,
  'loki-query-scheduler': {
    name: 'Grafana Loki: scalability (the query scheduler)',
    url: 'https://grafana.com/docs/loki/latest/operations/scalability/',
  },
  'loki-querier': components,
  'loki-index-gateway': components,
  'loki-compactor': components,
  'loki-ruler': components,
  minio: { name: 'MinIO object storage', url: 'https://min.io/docs/minio/linux/index.html' },
  prometheus: { name: 'Prometheus documentation', url: 'https://prometheus.io/docs/introduction/overview/' },
  grafana: { name: 'Grafana Explore and LogQL', url: 'https://grafana.com/docs/loki/latest/query/' },
  k6: { name: 'Grafana k6', url: 'https://grafana.com/docs/k6/latest/' },
  kafka,
  'kafka-init': { name: 'Kafka topics and partitions', url: 'https://kafka.apache.org/documentation/#intro_concepts_and_terms' },
  zookeeper: { name: 'Kafka KRaft (and the end of ZooKeeper)', url: 'https://kafka.apache.org/documentation/#kraft' },
  'jaeger-collector': jaeger,
  'jaeger-ingester': { name: 'Jaeger: Kafka as an intermediate buffer', url: 'https://www.jaegertracing.io/docs/2.20/storage/kafka/' },
  'jaeger-remote-storage': { name: 'Jaeger storage backends', url: 'https://www.jaegertracing.io/docs/2.20/storage/' },
  'jaeger-query': { name: 'Jaeger v2 documentation', url: 'https://www.jaegertracing.io/docs/2.20/' },
  'redpanda-console': { name: 'Redpanda Console', url: 'https://github.com/redpanda-data/console' },
  'xk6-tracing': { name: 'xk6-client-tracing', url: 'https://github.com/grafana/xk6-client-tracing' },
};
