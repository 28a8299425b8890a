// The Lighthouse benchmark's CPU calibration: the calculator's points, and lines between them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuSlowdownFor } from '../scripts/cpu-slowdown.mts';

test("the calculator's points: a high-end desktop gets the default 4x, slower hosts less", () => {
  assert.equal(cpuSlowdownFor(2000), 6);
  assert.equal(cpuSlowdownFor(1533), 4);
  assert.equal(cpuSlowdownFor(1300), 3);
  assert.equal(cpuSlowdownFor(800), 2);
  assert.equal(cpuSlowdownFor(150), 1);
  assert.equal(cpuSlowdownFor(60), 1);
});

test('between the points the multiplier grows with the host speed', () => {
  assert.equal(cpuSlowdownFor(1050), 2.5);
  assert.equal(cpuSlowdownFor(475), 1.5);
  const xs = [200, 500, 900, 1200, 1400, 1800, 2500].map(cpuSlowdownFor);
  assert.deepEqual(
    xs,
    [...xs].sort((a, b) => a - b),
  );
});

test('a missing benchmark index is an error, not a guess', () => {
  assert.throws(() => cpuSlowdownFor(Number.NaN), /not a benchmark index/);
  assert.throws(() => cpuSlowdownFor(0), /not a benchmark index/);
});
