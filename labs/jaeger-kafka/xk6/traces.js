// Synthetic traces for the Jaeger lab: a small online shop, several services, nested spans,
// errors and varied latency. Runs in the xk6-tracing container as soon as the collector is up.
// Imports nothing from the network, so it runs in a classroom without internet.
import { sleep } from 'k6';
import tracing from 'k6/x/tracing';

export const options = {
  vus: 2,
  duration: '24h',
};

const endpoint = __ENV.ENDPOINT || 'jaeger-collector:4317';
const client = new tracing.Client({
  endpoint,
  exporter: tracing.EXPORTER_OTLP,
  insecure: true,
  tls: { insecure: true },
});

const between = (min, max) => min + Math.floor(Math.random() * (max - min + 1));
const http = tracing.SEMANTICS_HTTP;
const db = tracing.SEMANTICS_DB;

// Each template is one request through the shop; parentIdx nests a span under an earlier one.
const templates = [
  {
    // Browse the catalogue: storefront -> catalog -> postgres, with a cache miss now and then.
    defaults: { attributeSemantics: http },
    spans: [
      { service: 'storefront', name: 'GET /products', duration: { min: 80, max: 600 } },
      { service: 'storefront', name: 'check-session', duration: { min: 5, max: 20 } },
      { service: 'auth', name: 'validate-token', duration: { min: 2, max: 15 } },
      { service: 'storefront', name: 'list-products', parentIdx: 0 },
      { service: 'catalog', name: 'list-products', duration: { min: 30, max: 400 } },
      { service: 'catalog', name: 'cache-lookup', attributes: { 'cache.hit': false } },
      { service: 'postgres', name: 'SELECT products', attributeSemantics: db, duration: { min: 10, max: 300 } },
    ],
  },
  {
    // Checkout: the longest path, through cart and payments.
    defaults: { attributeSemantics: http },
    spans: [
      { service: 'storefront', name: 'POST /checkout', duration: { min: 300, max: 1500 } },
      { service: 'storefront', name: 'check-session' },
      { service: 'auth', name: 'validate-token' },
      { service: 'storefront', name: 'load-cart', parentIdx: 0 },
      { service: 'cart', name: 'load-cart', duration: { min: 20, max: 120 } },
      { service: 'redis', name: 'HGETALL cart', attributeSemantics: db },
      { service: 'storefront', name: 'charge', parentIdx: 0 },
      { service: 'payments', name: 'charge-card', duration: { min: 150, max: 900 } },
      { service: 'payments', name: 'call-provider', attributes: { 'peer.service': 'card-provider' } },
    ],
  },
  {
    // A failed checkout: the payment provider refuses, the error travels up.
    defaults: { attributeSemantics: http },
    spans: [
      { service: 'storefront', name: 'POST /checkout', attributes: { 'http.status_code': 502, error: true } },
      { service: 'storefront', name: 'charge' },
      {
        service: 'payments',
        name: 'charge-card',
        attributes: { 'http.status_code': 502, error: true },
        duration: { min: 1000, max: 3000 },
      },
    ],
  },
  {
    // A login that is refused.
    defaults: { attributeSemantics: http },
    spans: [
      { service: 'storefront', name: 'POST /login', attributes: { 'http.status_code': 401 } },
      { service: 'auth', name: 'check-password', attributes: { 'http.status_code': 401 }, duration: { min: 40, max: 200 } },
    ],
  },
];

const generators = templates.map((t) => new tracing.TemplatedGenerator(t));
const weights = [50, 30, 10, 10];

export default function () {
  const point = Math.random() * 100;
  let sum = 0;
  const index = weights.findIndex((w) => {
    sum += w;
    return point < sum;
  });
  client.push(generators[Math.max(index, 0)].traces());
  sleep(between(1, 3) / 2);
}

export function teardown() {
  client.shutdown();
}
