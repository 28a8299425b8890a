// The command registry is the one list: help, parsing and the README's table come from it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../src/args.ts';
import { COMMANDS } from '../src/commands/registry.ts';
import { commandHelp } from '../src/help.ts';
import { loadLabs } from '../src/labs.ts';
import { README, withCommandTable } from '../src/readme.ts';
import { makeLabs } from './fixtures.ts';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'commands');

test("the README's command table is the registry's (pnpm --filter @obslab/runner readme rewrites it)", () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, withCommandTable(readme));
});

test('every command loads a module that runs it, and its flags parse as its help says', async () => {
  const demo = loadLabs(makeLabs())[0]!;
  const lab = { ...demo, manifest: { ...demo.manifest, traffic: { service: 'k6', profiles: [], vus: 1, duration: '1s' } } };
  for (const spec of COMMANDS) {
    assert.ok(existsSync(join(commandsDir, `${spec.name}.ts`)), `commands/${spec.name}.ts`);
    assert.equal(typeof (await spec.load()).run, 'function', spec.name);
    const help = commandHelp(lab, spec);
    const flags = spec.flags.flatMap((f) => (f.value ? [`--${f.name}`, 'x'] : [`--${f.name}`]));
    const required = spec.positionals.filter((p) => p.required).map(() => 'x');
    const parsed = parseArgs(['demo', spec.name, ...required, ...flags], lab.manifest);
    assert.deepEqual(Object.keys(parsed.flags).sort(), spec.flags.map((f) => f.name).sort(), spec.name);
    for (const f of spec.flags) assert.match(help, new RegExp(`--${f.name}\\b`), `${spec.name} --help explains --${f.name}`);
  }
});
