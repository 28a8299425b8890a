// Which variant of a lab runs: the choices made for its lab.yaml options (e.g. collector=alloy),
// turned into compose files and profiles. `up` records the choices in .lab-state.json so that
// down, status, logs, verify and traffic act on the same stack.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readComposeFile } from './compose-file.ts';
import type { Lab } from './labs.ts';

export interface Selection {
  choices: Record<string, string>;
  files: string[];
  profiles: string[];
}

const STATE_FILE = '.lab-state.json';

export function select(lab: Lab, given: Record<string, string> = {}): Selection {
  const choices: Record<string, string> = {};
  const files: string[] = [];
  const profiles: string[] = [];
  for (const option of lab.manifest.options) {
    const choice = given[option.name] ?? option.default;
    const variant = option.choices[choice];
    if (!variant) continue;
    choices[option.name] = choice;
    files.push(...variant.files);
    profiles.push(...variant.profiles);
  }
  return { choices, files, profiles };
}

export function composeFilesFor(lab: Lab, selection: Selection): string[] {
  return [lab.manifest.compose, ...selection.files];
}

/** Every selection a lab can run as: the defaults, and each choice of each option on top of them. */
export function allSelections(lab: Lab): Selection[] {
  const seen = new Map<string, Selection>();
  const add = (s: Selection) => seen.set(JSON.stringify(s.choices), s);
  add(select(lab));
  for (const option of lab.manifest.options) {
    for (const choice of Object.keys(option.choices)) add(select(lab, { [option.name]: choice }));
  }
  return [...seen.values()];
}

/** Profiles declared by services in a selection's compose files (e.g. the k6 traffic profile). */
export function declaredProfiles(lab: Lab, selection: Selection): string[] {
  const profiles = new Set<string>();
  for (const file of composeFilesFor(lab, selection)) {
    for (const svc of Object.values(readComposeFile(join(lab.dir, file)).services)) {
      for (const p of svc.profiles ?? []) profiles.add(p);
    }
  }
  return [...profiles].sort();
}

export function withProfiles(selection: Selection, profiles: string[]): Selection {
  return { ...selection, profiles: [...new Set([...selection.profiles, ...profiles])] };
}

/** Every variant of the lab with all its profiles on, so no image is missed (pull, bundle, load, doctor --offline). */
export function everyVariant(lab: Lab): Selection[] {
  return allSelections(lab).map((s) => withProfiles(s, declaredProfiles(lab, s)));
}

export function saveSelection(lab: Lab, selection: Selection): void {
  writeFileSync(join(lab.dir, STATE_FILE), `${JSON.stringify({ choices: selection.choices }, null, 2)}\n`);
}

/** The selection `up` recorded, or the defaults when the lab was started some other way. */
export function savedSelection(lab: Lab): Selection {
  const file = join(lab.dir, STATE_FILE);
  if (!existsSync(file)) return select(lab);
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as { choices?: Record<string, string> };
    return select(lab, state.choices ?? {});
  } catch {
    return select(lab);
  }
}

export function clearSelection(lab: Lab): void {
  rmSync(join(lab.dir, STATE_FILE), { force: true });
}
