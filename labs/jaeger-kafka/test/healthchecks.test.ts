// Each compose healthcheck probes something its service really serves, in both variants: a
// healthcheck aimed at the wrong port keeps a working service "starting" until `up` gives up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { read, variants } from './helpers.ts';

type Service = (typeof variants.kraft.services)[string];
const probe = (svc: Service) => ((svc.healthcheck as { test?: string[] } | undefined)?.test ?? []).join(' ');
/** The Jaeger config a role's container mounts (Compose's long form: volumes are objects). */
const mountedConfig = (svc: Service) =>
  ((svc.volumes as { source: string; target: string }[] | undefined) ?? []).find((v) => v.source.startsWith('./config/jaeger/'))?.source;

for (const [variant, compose] of Object.entries(variants)) {
  test(`${variant}: each Jaeger role's healthcheck asks the healthcheckv2 endpoint its own config serves`, () => {
    for (const role of ['jaeger-collector', 'jaeger-ingester', 'jaeger-query']) {
      const svc = compose.services[role]!;
      const file = mountedConfig(svc);
      assert.ok(file, `${role} mounts its config`);
      const config = parse(read(file)) as { extensions: { healthcheckv2: { http: { endpoint: string } } } };
      const port = config.extensions.healthcheckv2.http.endpoint.split(':').pop();
      assert.match(probe(svc), new RegExp(`http://127\\.0\\.0\\.1:${port}/status$`), role);
    }
  });

  test(`${variant}: Kafka's healthcheck asks the broker on a listener it opens; the console on the port it publishes`, () => {
    const kafka = compose.services.kafka!;
    const listeners = String((kafka.environment as Record<string, string>).KAFKA_LISTENERS);
    const port = /--bootstrap-server localhost:(\d+)/.exec(probe(kafka))?.[1];
    assert.ok(port && listeners.split(',').some((l) => l.endsWith(`:${port}`)), `${probe(kafka)} vs ${listeners}`);
    const console = compose.services['redpanda-console']!;
    const target = (console.ports as { target: number }[])[0]?.target;
    assert.match(probe(console), new RegExp(`http://127\\.0\\.0\\.1:${target}/$`));
  });
}
