// Loki 3 metric names the dashboards may use, each checked against grafana/loki at v3.7.6 (the
// version the lab pins). Dashboard 13407 was built for Loki 2.0: some of its names changed in
// 3.0 (cortex_ prefixes became loki_; distributor append failures became append timeouts),
// so nothing from it is used without a line here.
export const LOKI_METRICS: Record<string, string> = {
  loki_distributor_lines_received_total: 'pkg/distributor/distributor.go (linesReceived)',
  loki_distributor_bytes_received_total: 'pkg/distributor/distributor.go (bytesReceived)',
  loki_ingester_memory_streams: 'pkg/ingester/metrics.go (memoryStreams)',
  loki_ingester_memory_chunks: 'pkg/ingester/metrics.go (memoryChunks)',
  loki_ingester_chunks_flushed_total: 'pkg/ingester/metrics.go (chunksFlushedPerReason)',
  loki_ingester_chunk_utilization: 'pkg/ingester/metrics.go (chunkUtilization, histogram)',
  loki_discarded_samples_total: 'pkg/validation/validate.go (DiscardedSamples)',
  loki_request_duration_seconds: 'dskit server instrumentation, namespace loki (labels method, route, status_code, ws)',
  loki_query_scheduler_queue_length: 'pkg/queue/metrics.go (queueLength, subsystem query_scheduler)',
  loki_query_scheduler_connected_querier_clients: 'pkg/scheduler/scheduler.go (connectedQuerierClients)',
  loki_query_scheduler_queue_duration_seconds: 'pkg/scheduler/scheduler.go (queueDuration, histogram)',
  loki_distributor_ingester_appends_total: 'pkg/distributor/distributor.go (ingesterAppends, label ingester)',
  loki_ring_members:
    'vendor/github.com/grafana/dskit/ring/ring.go (ring_members, labels name and state), loki_ prefix from initRing in pkg/loki/modules.go',
  loki_ingester_wal_logged_bytes_total: 'pkg/ingester/metrics.go (walLoggedBytesTotal)',
  loki_ingester_chunks_stored_total: 'pkg/ingester/metrics.go (chunksPerTenant)',
  loki_querier_query_frontend_request_duration_seconds: 'pkg/querier/worker/metrics.go (frontendClientRequestDuration, histogram)',
  loki_querier_worker_inflight_queries: 'pkg/querier/worker/metrics.go (inflightRequests)',
  loki_querier_worker_concurrency: 'pkg/querier/worker/metrics.go (concurrentWorkers)',
};

/** Standard metrics every Go process and every Prometheus target has. */
export const STANDARD_METRICS = ['up', 'process_resident_memory_bytes', 'process_cpu_seconds_total'];
