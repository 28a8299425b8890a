import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../src/args.ts';
import { LabError } from '../src/errors.ts';

const options = [
  { name: 'collector', choices: ['promtail', 'alloy'] },
  { name: 'kafka', choices: ['kraft', 'zookeeper'] },
];

test('up is the default command', () => {
  const a = parseArgs(['loki'], options);
  assert.equal(a.lab, 'loki');
  assert.equal(a.command, 'up');
});

test('lab options: --name value, --name=value and the --choice shorthand', () => {
  assert.deepEqual(parseArgs(['loki', 'up', '--collector', 'alloy'], options).choices, { collector: 'alloy' });
  assert.deepEqual(parseArgs(['loki', '--collector=alloy'], options).choices, { collector: 'alloy' });
  assert.deepEqual(parseArgs(['jaeger', 'up', '--zookeeper'], options).choices, { kafka: 'zookeeper' });
});

test('flags and positionals per command', () => {
  assert.equal(parseArgs(['loki', 'down', '--volumes']).flags.volumes, true);
  assert.equal(parseArgs(['loki', 'verify', '--only', 'a,b']).flags.only, 'a,b');
  assert.deepEqual(parseArgs(['loki', 'logs', 'app']).positionals, ['app']);
  assert.deepEqual(parseArgs(['loki', 'traffic', '--vus', '5', '--duration', '1m']).flags, { vus: '5', duration: '1m' });
  assert.equal(parseArgs(['loki', 'verify', '--help']).help, true);
});

function usageError(argv: string[], pattern: RegExp): void {
  assert.throws(
    () => parseArgs(argv, options),
    (err: LabError) => err instanceof LabError && err.exitCode === 2 && pattern.test(err.message),
  );
}

test('bad input is a usage error (exit 2) that says what is wrong', () => {
  usageError(['loki', 'start'], /Unknown command "start"\. Commands: up, down/);
  usageError(['loki', 'down', '--force'], /Unknown option --force for "down"\. Options: --volumes/);
  usageError(['loki', 'up', '--collector', 'fluentd'], /--collector must be one of: promtail, alloy/);
  usageError(['loki', 'verify', '--only'], /--only needs a value/);
  usageError(['loki', 'load'], /"load" needs an argument/);
  usageError(['loki', 'status', 'extra'], /Unexpected argument "extra"/);
  // Lab options belong to up only.
  usageError(['loki', 'status', '--alloy'], /Unknown option --alloy/);
});
