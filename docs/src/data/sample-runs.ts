// Times and results of real runs, for the "you should see" blocks (src/components/Expected.tsx).
// Only what varies from run to run lives here; service names, check titles, URLs and ports come
// from the lab files (src/data/labs.json). The line formats are the runner's and the checks' own:
// scripts/src/commands/up.ts and verify.ts, labs/loki/checks/index.ts, labs/jaeger-kafka/checks/.
// test/pages.test.mts fails when a lab's services or checks and these entries disagree.

export interface SampleRun {
  /** Seconds from `up` until each service of the default variant was ready (or completed). */
  ready: Record<string, number>;
  /** Seconds `up` took to build the lab's own images (the build cache is warm after the first). */
  buildSeconds?: number;
  /** The whole `up`, preflight included. */
  upSeconds: number;
  /** Per check: seconds it took, and what its PASS line says when lab.yaml does not fix it. */
  checks: Record<string, { seconds: number; detail?: string }>;
}

export const sampleRuns: Record<'loki' | 'jaeger', SampleRun> = {
  // A 2-core machine with every image present. Checks: `verify` and each exercise on the lab as
  // merged (issue 10). Ready times: a start of about 15 s, as the lab's own measurements give it.
  loki: {
    ready: {
      app: 4.2,
      grafana: 9.8,
      'loki-backend': 8.1,
      'loki-gateway': 2.1,
      'loki-read': 10.3,
      'loki-write': 8.1,
      minio: 4.2,
      nginx: 2.1,
      prometheus: 3.1,
      promtail: 12.4,
    },
    buildSeconds: 1.6,
    upSeconds: 16.0,
    checks: {
      'gateway-ready': { seconds: 0.1 },
      'read-ready': { seconds: 0.1 },
      'write-ready': { seconds: 0.0 },
      'log-roundtrip': { seconds: 1.4, detail: 'request verify-fabe0c0e was queryable after 1.4s' },
      'read-path': {
        seconds: 0.4,
        detail: "loki-backend's scheduler queued 2 request(s) for 4 querier worker(s); its index gateway served 2 request(s)",
      },
      'prometheus-targets': { seconds: 0.0, detail: '3 targets up: loki-read, loki-write, loki-backend' },
      'chunks-in-minio': { seconds: 2.0, detail: '99 chunk objects and 33 index objects in loki-data' },
      'grafana-datasources': { seconds: 0.3, detail: 'healthy: loki, prometheus' },
      'read-scaled': {
        seconds: 23.6,
        detail:
          '30/30 label queries answered through the gateway; every replica took part (loki-loki-read-1 15, loki-loki-read-2 26, loki-loki-read-3 19)',
      },
      'write-restart': {
        seconds: 40.2,
        detail: '300 requests answered by the app, all 300 request IDs in Loki: none lost across the loki-write restart',
      },
      'down-up-keeps-logs': { seconds: 31.2, detail: 'all 20 requests logged just before `down` were queryable 12s after `up`' },
      'write-amplification': {
        seconds: 35.5,
        detail:
          'replication factor 1: 15 pushes, 1.0 ingester appends each; 400 lines, 97.1 kB in -> 109.5 kB written to WALs (1.1x); ingesters uploaded 2 chunks (8.9 kB), MinIO gained 2 chunk objects (8.9 kB): 1.0x uploads per object kept',
      },
      // Distributed mode (--mode distributed), measured on the stand-ins of this machine.
      'ring-active': {
        seconds: 0.1,
        detail: 'loki-distributor sees loki-ingester-1 ACTIVE, loki-ingester-2 ACTIVE, loki-ingester-3 ACTIVE',
      },
      'replica-lost': {
        seconds: 49.9,
        detail:
          '300 requests, all 300 request IDs in Loki; loki-ingester-2 was down 17 s (ring: LEAVING), 9/9 queries answered meanwhile, 0 pushes failed; ACTIVE again 1.1 s after it started',
      },
      'queriers-scaled': {
        seconds: 59.1,
        detail:
          '60/60 queries answered; the scheduler handed 155 requests to 16 workers of 4 queriers: loki-loki-querier-1 42, loki-loki-querier-2 37, loki-loki-querier-3 37, loki-loki-querier-4 39',
      },
    },
  },
  // Same formats; times and counts are illustrative, in line with the lab's design (xk6 sends about
  // 2 traces a second: labs/jaeger-kafka/config/remote-storage/remote-storage.yaml).
  jaeger: {
    ready: {
      'jaeger-collector': 31.5,
      'jaeger-ingester': 31.5,
      'jaeger-query': 8.2,
      'jaeger-remote-storage': 6.1,
      kafka: 21.4,
      'kafka-init': 26.3,
      'redpanda-console': 26.3,
      'xk6-tracing': 37.8,
    },
    upSeconds: 39.2,
    checks: {
      'collector-healthy': { seconds: 0.4 },
      'remote-storage-healthy': { seconds: 0.4 },
      'topic-grows': { seconds: 13.1, detail: 'jaeger-spans: 21 new messages in 10s (end offset 1873)' },
      'ingester-keeps-up': { seconds: 1.6, detail: 'jaeger-ingester: lag 2 over 3 partitions' },
      'jaeger-services': { seconds: 0.2, detail: '7 services listed; 20 recent traces of storefront' },
      'ingester-outage': {
        seconds: 52.4,
        detail:
          '61 of 61 traces found (410 spans), all produced during the 30s outage (61 messages); lag reached 61 and drained 3.2s after the restart',
      },
      'storage-outage': {
        seconds: 171.9,
        detail:
          '121 of 121 traces found (823 spans), all produced during the 60s outage (121 messages); lag reached 121 and drained 84.0s after the restart',
      },
    },
  },
};
