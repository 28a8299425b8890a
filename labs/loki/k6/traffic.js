// The chapter's traffic: `pnpm lab:loki traffic [--vus N --duration D]`.
// k6 takes K6_VUS and K6_DURATION from the environment (defaults in compose.yaml).
// Imports nothing from the network, so it runs in a classroom without internet.

import { check, sleep } from 'k6';
import http from 'k6/http';

const TARGET = __ENV.TARGET || 'http://nginx:8080';

// Weights: mostly browsing, some checkouts, a few slow, flaky and broken calls.
const ACTIONS = [
  { weight: 35, run: () => http.get(`${TARGET}/items?limit=${1 + Math.floor(Math.random() * 20)}`) },
  { weight: 30, run: () => http.get(`${TARGET}/items/${1 + Math.floor(Math.random() * 120)}`) },
  {
    weight: 15,
    run: () =>
      http.post(`${TARGET}/checkout`, JSON.stringify({ items: [1, 2, 3] }), {
        headers: { 'Content-Type': 'application/json' },
      }),
  },
  { weight: 8, run: () => http.get(`${TARGET}/slow`) },
  { weight: 8, run: () => http.get(`${TARGET}/flaky`) },
  { weight: 4, run: () => http.get(`${TARGET}/error`) },
];
const TOTAL = ACTIONS.reduce((sum, a) => sum + a.weight, 0);

export default function () {
  // Weighted pick: walk the cumulative weights until they pass a random point.
  const point = Math.random() * TOTAL;
  let sum = 0;
  const action =
    ACTIONS.find((a) => {
      sum += a.weight;
      return point < sum;
    }) || ACTIONS[0];
  const res = action.run();
  check(res, { 'got an answer': (r) => r.status > 0 });
  sleep(0.2 + Math.random() * 0.8);
}
