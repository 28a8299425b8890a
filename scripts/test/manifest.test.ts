import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LabError } from '../src/errors.ts';
import { findLab, hostUrl, loadLabs } from '../src/labs.ts';
import { LAB_YAML, makeLabs } from './fixtures.ts';

test('discovers labs from labs/*/lab.yaml and reads host ports from compose.yaml', () => {
  const labs = loadLabs(makeLabs(18123));
  assert.deepEqual(
    labs.map((l) => l.id),
    ['demo'],
  );
  const lab = labs[0]!;
  assert.equal(hostUrl(lab, { service: 'web', port: 80, path: '/x' }), 'http://localhost:18123/x');
});

test('a folder without lab.yaml is not a lab', () => {
  const labsDir = makeLabs();
  writeFileSync(join(labsDir, 'README.md'), 'not a lab');
  assert.equal(loadLabs(labsDir).length, 1);
});

test('an unknown lab lists the real ones', () => {
  assert.throws(
    () => findLab('nope', makeLabs()),
    (err: LabError) => /Unknown lab "nope"\. Labs: demo\./.test(err.message) && err.exitCode === 2,
  );
});

function brokenLab(yaml: string): string {
  const labs = makeLabs();
  writeFileSync(join(labs, 'demo', 'lab.yaml'), yaml);
  return labs;
}

test('manifest errors point at the offending key', () => {
  const cases: [string, RegExp][] = [
    [LAB_YAML.replace('port: 80\n', 'port: "eighty"\n'), /urls\[0\]\.port: /],
    [LAB_YAML.replace('title: { zh-TW: 示範, en: Demo }', 'title: { en: Demo }'), /title\.zh-TW: /],
    [LAB_YAML.replace('title: { zh-TW: 網頁有回應, en: Web answers }', 'title: Web answers'), /checks\[0\]\.title: /],
    [LAB_YAML.replace('default: plain', 'default: sour'), /options\[0\]\.default: default must be one of the choices/],
    [LAB_YAML.replace('    timeout: 3\n', '    timeout: 3\n    colour: red\n'), /checks\[0\]: .*colour/],
    [LAB_YAML.replace('id: demo', 'id: Demo Lab'), /lab\.yaml: id: use lower-case kebab-case/],
  ];
  for (const [yaml, expected] of cases) {
    assert.throws(
      () => loadLabs(brokenLab(yaml)),
      (err: Error) => {
        assert.match(err.message, expected);
        return true;
      },
    );
  }
});

test('invalid YAML is reported with the file name', () => {
  assert.throws(() => loadLabs(brokenLab('id: [unclosed')), /lab\.yaml is not valid YAML/);
});

test('a URL naming a port compose.yaml does not publish is an error', () => {
  const lab = loadLabs(makeLabs())[0]!;
  assert.throws(() => hostUrl(lab, { service: 'web', port: 443, path: '/' }), /compose\.yaml publishes no such port/);
});
