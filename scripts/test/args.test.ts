import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../src/args.ts';
import type { LabShape } from '../src/commands/registry.ts';
import { LabError } from '../src/errors.ts';

const variant = { description: { 'zh-TW': '-', en: '-' }, files: [], profiles: [] };
const loki: LabShape = {
  options: [{ name: 'collector', description: '-', default: 'promtail', choices: { promtail: variant, alloy: variant } }],
  traffic: { service: 'k6', profiles: [], vus: 1, duration: '30s' },
};
const jaeger: LabShape = {
  options: [{ name: 'kafka', description: '-', default: 'kraft', choices: { kraft: variant, zookeeper: variant } }],
};

test('up is the default command', () => {
  const a = parseArgs(['loki'], loki);
  assert.equal(a.lab, 'loki');
  assert.equal(a.command, 'up');
  assert.equal(a.commandGiven, false);
});

test('lab options: --name value, --name=value and the --choice shorthand', () => {
  assert.deepEqual(parseArgs(['loki', 'up', '--collector', 'alloy'], loki).choices, { collector: 'alloy' });
  assert.deepEqual(parseArgs(['loki', '--collector=alloy'], loki).choices, { collector: 'alloy' });
  assert.deepEqual(parseArgs(['jaeger', 'up', '--zookeeper'], jaeger).choices, { kafka: 'zookeeper' });
});

test('flags and positionals per command', () => {
  assert.equal(parseArgs(['loki', 'down', '--volumes']).flags.volumes, true);
  assert.equal(parseArgs(['loki', 'verify', '--only', 'a,b']).flags.only, 'a,b');
  assert.deepEqual(parseArgs(['loki', 'logs', 'app']).positionals, ['app']);
  assert.deepEqual(parseArgs(['loki', 'traffic', '--vus', '5', '--duration', '1m'], loki).flags, { vus: '5', duration: '1m' });
});

test('--help anywhere explains the command named, before or after it', () => {
  for (const argv of [
    ['loki', 'verify', '--help'],
    ['loki', '--help', 'verify'],
    ['loki', '-h', 'verify'],
  ]) {
    const a = parseArgs(argv, loki);
    assert.deepEqual([a.help, a.command, a.commandGiven], [true, 'verify', true], argv.join(' '));
  }
  const main = parseArgs(['loki', '--help'], loki);
  assert.deepEqual([main.help, main.commandGiven], [true, false]);
});

function usageError(argv: string[], pattern: RegExp, lab: LabShape = loki): void {
  assert.throws(
    () => parseArgs(argv, lab, argv[0]),
    (err: LabError) => err instanceof LabError && err.exitCode === 2 && pattern.test(err.message),
  );
}

test('bad input is a usage error (exit 2) that says what is wrong', () => {
  usageError(['loki', 'start'], /Unknown command "start"\. Commands: up, down/);
  usageError(['loki', 'down', '--force'], /Unknown option --force for "down"\. Options: --volumes/);
  usageError(['loki', 'up', '--collector', 'fluentd'], /--collector must be one of: promtail, alloy/);
  usageError(['loki', 'verify', '--only'], /--only needs a value/);
  usageError(['loki', 'load'], /"load" needs <file>/);
  usageError(['loki', 'status', 'extra'], /Unexpected argument "extra"/);
  // Lab options belong to up only.
  usageError(['loki', 'status', '--alloy'], /Unknown option --alloy/);
});

test('a lab without traffic has no traffic command', () => {
  usageError(['jaeger', 'traffic'], /The jaeger lab makes its own traffic; it has no traffic command/, { ...jaeger, traffic: undefined });
  assert.equal(parseArgs(['jaeger', 'traffic', '--help'], { ...jaeger, traffic: undefined }).help, true);
});
