// Lighthouse simulates a phone by multiplying the CPU time it observes on the host (4x by default,
// which turns a high-end desktop into a mid-tier phone). On a slower host the same 4x simulates a
// slower phone, so scores depend on the machine. Lighthouse's docs/throttling.md ("Calibrating the
// CPU slowdown") say to pick the multiplier from the host's benchmarkIndex; these are the points
// of the calculator it links (lighthouse-cpu-throttling-calculator), as straight lines between
// them: index 2000 → 6x, 1533 → 4x, 1300 → 3x, 800 → 2x, 150 and below → 1x.
const POINTS: [index: number, multiplier: number][] = [
  [150, 1],
  [800, 2],
  [1300, 3],
];
const ABOVE_1300_PER_STEP = 233; // one more x per 233 index points above 1300

/** The CPU slowdown that makes this host's runs simulate a mid-tier phone. */
export function cpuSlowdownFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) throw new Error(`not a benchmark index: ${benchmarkIndex}`);
  if (benchmarkIndex >= 1300) return round(3 + (benchmarkIndex - 1300) / ABOVE_1300_PER_STEP);
  if (benchmarkIndex <= 150) return 1;
  for (let i = 1; i < POINTS.length; i++) {
    const [x0, y0] = POINTS[i - 1] as [number, number];
    const [x1, y1] = POINTS[i] as [number, number];
    if (benchmarkIndex <= x1) return round(y0 + ((benchmarkIndex - x0) * (y1 - y0)) / (x1 - x0));
  }
  throw new Error('unreachable');
}

const round = (x: number) => Math.round(x * 10) / 10;
