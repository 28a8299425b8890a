import { flagValue } from '../args.ts';
import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import { doctor, type Finding } from '../preflight.ts';
import { offlineFindings } from '../readiness.ts';
import { bold, green, red, yellow } from '../table.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  const kit = flagValue(args, 'kit');
  if (!args.flags.offline && kit === undefined) return runDoctor(lab);
  console.log(bold(`Offline readiness of this laptop for ${lab.id}`));
  const findings = [...(await doctor(lab, true)), ...(await offlineFindings(lab, kit))];
  printFindings(findings);
  const failed = findings.filter((f) => f.verdict === 'fail');
  if (failed.length > 0) {
    throw new LabError(
      `Not ready for class without network: ${[...new Set(failed.map((f) => f.check))].join(', ')} (marked FAIL above).`,
      `Fix what the -> lines say, then check again: \`pnpm lab:${lab.id} doctor --offline${kit ? ` --kit ${kit}` : ''}\``,
      3,
    );
  }
  console.log(`\n${green('Ready')} for class without network: the ${lab.id} lab starts from what is on this laptop.`);
}

export function printFindings(findings: Finding[]): void {
  for (const f of findings) {
    const mark = f.verdict === 'ok' ? green('ok  ') : f.verdict === 'warn' ? yellow('warn') : red('FAIL');
    console.log(`  ${mark}  ${f.check.padEnd(14)} ${f.detail}`);
    if (f.hint && f.verdict !== 'ok') console.log(`        ${''.padEnd(14)} -> ${f.hint}`);
  }
}

/** Runs the preflight and throws when anything failed (the findings, with their hints, are printed first). */
export async function runDoctor(lab: Lab): Promise<void> {
  console.log(bold(`Preflight for ${lab.id}`));
  const findings = await doctor(lab);
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
