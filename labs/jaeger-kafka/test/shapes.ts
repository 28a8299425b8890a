// The keys each program of the lab reads from its config file, as their sources declare them
// (the `mapstructure` names of their config structs). A key outside these sets is one the program
// ignores (remote-storage: viper skips unknown keys) or refuses at start (the collector roles).
// Versions: Jaeger v2.20.0; opentelemetry-collector v0.155.0 / v1.61.0 and
// opentelemetry-collector-contrib v0.155.0, the versions Jaeger 2.20.0's go.mod pins.

/** `true`: a value not looked into; an object: its keys; `'*'`: names of your choosing. */
export type Shape = true | Keys;
type Keys = { [key: string]: Shape };

/** Paths in `value` that `shape` does not have, e.g. `admin` or `receivers.kafka.topic`. */
export function unreadKeys(value: unknown, shape: Shape, path = ''): string[] {
  if (shape === true || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    const sub = shape[key] ?? shape['*'];
    return sub === undefined ? [at] : unreadKeys(child, sub, at);
  });
}

const keys = (...names: string[]): Keys => Object.fromEntries(names.map((n) => [n, true]));

// collector config/configretry/backoff.go (BackOffConfig).
const backoff = keys('enabled', 'initial_interval', 'randomization_factor', 'multiplier', 'max_interval', 'max_elapsed_time');

// collector config/confignet/confignet.go (AddrConfig, squashed into the servers below) and
// config/configgrpc/configgrpc.go (ServerConfig, ClientConfig).
const netAddr = ['endpoint', 'transport', 'dialer'];
const grpcServer = keys(
  ...netAddr,
  'tls',
  'max_recv_msg_size_mib',
  'max_concurrent_streams',
  'read_buffer_size',
  'write_buffer_size',
  'keepalive',
  'auth',
  'include_metadata',
  'middlewares',
);
const grpcClient = [
  'endpoint',
  'compression',
  'tls',
  'keepalive',
  'read_buffer_size',
  'write_buffer_size',
  'wait_for_ready',
  'headers',
  'user_agent',
  'balancer_name',
  'authority',
  'auth',
  'middlewares',
];

// collector config/confighttp/server.go (ServerConfig).
const httpServer = [
  ...netAddr,
  'tls',
  'cors',
  'auth',
  'max_request_body_size',
  'include_metadata',
  'response_headers',
  'compression_algorithms',
  'read_timeout',
  'read_header_timeout',
  'write_timeout',
  'idle_timeout',
  'middlewares',
  'keep_alives_enabled',
];

// Jaeger cmd/internal/storageconfig/config.go (Config, TraceBackend), internal/storage/v2/memory/config.go,
// internal/storage/v2/grpc/config.go (ClientConfig squashed, plus its own keys), internal/tenancy/manager.go.
const tenancy = keys('enabled', 'header', 'tenants');
const storage: Shape = {
  backends: {
    '*': {
      memory: keys('max_traces'),
      grpc: { ...keys(...grpcClient, 'writer', 'max_recv_msg_size_mib', 'header_forwarding', 'timeout'), multi_tenancy: tenancy },
      badger: true,
      cassandra: true,
      elasticsearch: true,
      opensearch: true,
      clickhouse: true,
    },
  },
  metric_backends: true,
};

/** jaeger-remote-storage --config-file: cmd/remote-storage/app/config.go (Config). */
export const remoteStorageShape: Shape = { grpc: grpcServer, multi_tenancy: tenancy, storage };

// contrib pkg/kafka/configkafka/config.go (ClientConfig, ConsumerConfig, ProducerConfig).
const kafkaClient = ['brokers', 'resolve_canonical_bootstrap_servers_only', 'protocol_version', 'client_id', 'auth', 'tls', 'metadata'];
const kafkaConsumer = [
  'session_timeout',
  'heartbeat_interval',
  'group_id',
  'initial_offset',
  'autocommit',
  'min_fetch_size',
  'default_fetch_size',
  'max_fetch_size',
  'max_fetch_wait',
  'max_partition_fetch_size',
  'group_rebalance_strategy',
  'group_instance_id',
];

const components: { [kind: string]: { [type: string]: Shape } } = {
  receivers: {
    // collector receiver/otlpreceiver/config.go.
    otlp: {
      protocols: {
        grpc: grpcServer,
        http: keys(...httpServer, 'traces_url_path', 'metrics_url_path', 'logs_url_path'),
      },
    },
    // contrib receiver/kafkareceiver/config.go and README.md.
    kafka: {
      ...keys(...kafkaClient, ...kafkaConsumer, 'header_extraction', 'telemetry'),
      ...Object.fromEntries(['logs', 'metrics', 'traces', 'profiles'].map((s) => [s, keys('topics', 'encoding', 'exclude_topics')])),
      message_marking: keys('after', 'on_error', 'on_permanent_error'),
      error_backoff: backoff,
    },
  },
  processors: {
    // collector processor/batchprocessor/config.go.
    batch: keys('timeout', 'send_batch_size', 'send_batch_max_size', 'metadata_keys', 'metadata_cardinality_limit'),
  },
  exporters: {
    // contrib exporter/kafkaexporter/config.go and README.md.
    kafka: {
      ...keys(
        ...kafkaClient,
        'timeout',
        'sending_queue',
        'include_metadata_keys',
        'topic_from_attribute',
        'partition_traces_by_id',
        'partition_metrics_by_resource_attributes',
        'partition_logs_by_resource_attributes',
        'partition_logs_by_trace_id',
      ),
      ...Object.fromEntries(
        ['logs', 'metrics', 'traces', 'profiles'].map((s) => [s, keys('topic', 'encoding', 'topic_from_metadata_key')]),
      ),
      retry_on_failure: backoff,
      producer: keys(
        'max_message_bytes',
        'required_acks',
        'compression',
        'compression_params',
        'flush_max_messages',
        'allow_auto_topic_creation',
      ),
    },
    // Jaeger cmd/jaeger/internal/exporters/storageexporter/config.go.
    jaeger_storage_exporter: { trace_storage: true, queue: true, retry_on_failure: backoff },
  },
  extensions: {
    // contrib extension/healthcheckv2extension/config.go (the legacy keys, then the v2 ones).
    healthcheckv2: {
      ...keys(...httpServer, 'path', 'response_body', 'check_collector_pipeline', 'use_v2', 'component_health'),
      http: { ...keys(...httpServer), status: keys('enabled', 'path'), config: keys('enabled', 'path') },
      grpc: grpcServer,
    },
    // Jaeger cmd/jaeger/internal/extension/jaegerstorage/config.go.
    jaeger_storage: storage,
    // Jaeger cmd/jaeger/internal/extension/jaegerquery/config.go and internal/flags.go (QueryOptions).
    jaeger_query: {
      ...keys('base_path', 'ui', 'bearer_token_propagation', 'header_forwarding', 'max_clock_skew_adjust', 'max_trace_size'),
      ...keys('enable_tracing', 'http', 'grpc', 'ai', 'otlp_proxy'),
      multi_tenancy: tenancy,
      storage: keys('traces', 'traces_archive', 'metrics'),
    },
  },
};

/** `jaeger --config`: the collector's top level (collector otelcol/config.go, service/config.go, service/pipelines/config.go). */
export const jaegerShape: Shape = {
  ...components,
  connectors: true,
  service: {
    extensions: true,
    pipelines: { '*': keys('receivers', 'processors', 'exporters') },
    // collector service/telemetry/otelconftelemetry/config.go and internal/migration/v0.3.0.go.
    telemetry: {
      resource: true,
      metrics: true,
      traces: true,
      logs: keys(
        'level',
        'development',
        'encoding',
        'disable_caller',
        'disable_stacktrace',
        'sampling',
        'output_paths',
        'error_output_paths',
        'initial_fields',
        'processors',
        'disable_zap_resource',
      ),
    },
  },
};
