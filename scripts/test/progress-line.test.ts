import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLine } from '../src/progress-line.ts';

function fakeOut(tty: boolean, verbose = false) {
  let now = 0;
  const written: string[] = [];
  const out = { tty, verbose, columns: 40, write: (t: string) => written.push(t), now: () => now };
  return { out, written, advance: (ms: number) => (now += ms) };
}

test('in a log: the first message at once, then at most one line per interval, never a repeat', () => {
  const { out, written, advance } = fakeOut(false);
  const line = progressLine({ ...out, intervalMs: 5000 });
  line.update('lag 120');
  advance(1000);
  line.update('lag 80');
  advance(4000);
  line.update('lag 40');
  advance(5000);
  line.update('lag 40');
  line.done();
  assert.deepEqual(written, ['      lag 120\n', '      lag 40\n']);
});

test('on a terminal: one line rewritten in place, cut to the width, cleared when done', () => {
  const { out, written } = fakeOut(true);
  const line = progressLine(out);
  line.update('lag 120');
  line.update(`lag ${'9'.repeat(60)}`);
  line.done();
  assert.equal(written[0], '\r\x1b[2K      lag 120');
  assert.ok((written[1] ?? '').endsWith('…') && (written[1] ?? '').length < 50, written[1]);
  assert.equal(written.at(-1), '\r\x1b[2K');
});

test('LAB_VERBOSE: every distinct message, as a line', () => {
  const { out, written } = fakeOut(true, true);
  const line = progressLine(out);
  for (const m of ['a', 'b', 'b', 'c']) line.update(m);
  assert.deepEqual(written, ['      a\n', '      b\n', '      c\n']);
});
