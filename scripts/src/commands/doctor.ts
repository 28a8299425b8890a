import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import { doctor, type Finding } from '../preflight.ts';
import { bold, green, red, yellow } from '../table.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab }: CommandInput): Promise<void> {
  await runDoctor(lab);
}

export function printFindings(findings: Finding[]): void {
  for (const f of findings) {
    const mark = f.verdict === 'ok' ? green('ok  ') : f.verdict === 'warn' ? yellow('warn') : red('FAIL');
    console.log(`  ${mark}  ${f.check.padEnd(14)} ${f.detail}`);
    if (f.hint && f.verdict !== 'ok') console.log(`        ${''.padEnd(14)} -> ${f.hint}`);
  }
}

/** Runs the preflight and throws when anything failed (the findings, with their hints, are printed first). */
export async function runDoctor(lab: Lab, skipPortsOf?: Set<string>): Promise<void> {
  console.log(bold(`Preflight for ${lab.id}`));
  const findings = await doctor(lab, skipPortsOf);
  printFindings(findings);
  const failed = findings.filter((f) => f.verdict === 'fail');
  if (failed.length > 0) {
    throw new LabError(
      `This machine is not ready for the ${lab.id} lab: ${failed.map((f) => f.check).join(', ')} (marked FAIL above).`,
      `Fix what the -> lines say, then check again: \`pnpm lab:${lab.id} doctor\``,
      3,
    );
  }
}
