// checks/metrics.ts reads a Loki target's /metrics: lines as loki-backend prints them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMetrics, total } from '../checks/metrics.ts';

const text = `# HELP loki_query_scheduler_queue_duration_seconds Time spend by requests in queue before getting picked up by a querier.
# TYPE loki_query_scheduler_queue_duration_seconds histogram
loki_query_scheduler_queue_duration_seconds_count 60
loki_request_duration_seconds_count{method="gRPC",route="/indexgatewaypb.IndexGateway/GetChunkRef",status_code="success",ws="false"} 30
loki_request_duration_seconds_count{method="gRPC",route="/indexgatewaypb.IndexGateway/GetStats",status_code="success",ws="false"} 28
loki_request_duration_seconds_count{method="GET",route="loki_api_v1_labels",status_code="200",ws="false"} 7
loki_build_info{branch="HEAD",goversion="go1.26.5",revision="a \\"quoted\\" value"} 1
`;

test('parses names, labels (with escaped quotes) and values; skips comments', () => {
  const samples = parseMetrics(text);
  assert.equal(samples.length, 5);
  assert.deepEqual(samples[0], { name: 'loki_query_scheduler_queue_duration_seconds_count', labels: {}, value: 60 });
  assert.equal(samples[4]?.labels.revision, 'a "quoted" value');
});

test('total sums the samples whose labels match, by string or by whole-value pattern', () => {
  const samples = parseMetrics(text);
  assert.equal(total(samples, 'loki_request_duration_seconds_count'), 65);
  assert.equal(total(samples, 'loki_request_duration_seconds_count', { route: /\/indexgatewaypb\.IndexGateway\/.+/ }), 58);
  assert.equal(total(samples, 'loki_request_duration_seconds_count', { route: 'loki_api_v1_labels' }), 7);
  assert.equal(total(samples, 'loki_request_duration_seconds_count', { route: /IndexGateway/ }), 0, 'patterns match whole values');
  assert.equal(total(samples, 'no_such_metric'), 0);
});
