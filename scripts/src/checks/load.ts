// Finds the implementation of every check a lab declares: the runner's built-ins plus the lab's
// own types (default export of labs/<dir>/checks/index.ts), and validates each check's `with`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import type { CheckEntry } from '../manifest.ts';
import { builtinChecks } from './builtin.ts';
import type { CheckType, CheckTypes } from './types.ts';

export async function checkTypes(lab: Lab): Promise<CheckTypes> {
  const file = join(lab.dir, 'checks', 'index.ts');
  if (!existsSync(file)) return builtinChecks;
  const mod = (await import(pathToFileURL(file).href)) as { default?: CheckTypes };
  return { ...builtinChecks, ...(mod.default ?? {}) };
}

export interface PreparedCheck {
  entry: CheckEntry;
  type: CheckType;
  params: unknown;
}

export function prepareChecks(lab: Lab, types: CheckTypes): PreparedCheck[] {
  const problems: string[] = [];
  const prepared: PreparedCheck[] = [];
  lab.manifest.checks.forEach((entry, i) => {
    const type = types[entry.type];
    if (!type) {
      problems.push(`lab.yaml: checks[${i}].type: unknown check type "${entry.type}" (known: ${Object.keys(types).join(', ')})`);
      return;
    }
    const result = type.params.safeParse(entry.with);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`lab.yaml: checks[${i}].with${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
      }
      return;
    }
    prepared.push({ entry, type, params: result.data });
  });
  if (problems.length > 0) throw new LabError(`${lab.id}: invalid checks in lab.yaml:\n${problems.join('\n')}`);
  return prepared;
}
