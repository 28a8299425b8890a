// Which variant of a lab runs: the choices made for its lab.yaml options (e.g. collector=alloy,
// mode=distributed), turned into a base compose file, files on top of it and profiles. `up`
// records the choices in .lab-state.json so that down, status, logs, verify and traffic act on
// the same stack.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readComposeFile } from './compose-file.ts';
import type { Lab } from './labs.ts';
import type { When } from './manifest.ts';

export interface Selection {
  choices: Record<string, string>;
  /** The base compose file: the lab's own, or the one a choice puts in its place. */
  compose: string;
  files: string[];
  profiles: string[];
}

const STATE_FILE = '.lab-state.json';

export function select(lab: Lab, given: Record<string, string> = {}): Selection {
  const choices: Record<string, string> = {};
  let compose = lab.manifest.compose;
  const files: string[] = [];
  const profiles: string[] = [];
  for (const option of lab.manifest.options) {
    const choice = given[option.name] ?? option.default;
    const variant = option.choices[choice];
    if (!variant) continue;
    choices[option.name] = choice;
    compose = variant.compose ?? compose;
    files.push(...variant.files);
    profiles.push(...variant.profiles);
  }
  return { choices, compose, files, profiles };
}

export function composeFilesFor(_lab: Lab, selection: Selection): string[] {
  return [selection.compose, ...selection.files];
}

/** Whether a lab.yaml entry with this `when` belongs to the chosen variant. */
function applies(when: When | undefined, choices: Record<string, string>): boolean {
  return Object.entries(when ?? {}).every(([option, choice]) => choices[option] === choice);
}

/**
 * The lab as one variant of it runs: its base compose file, and only the URLs and checks that
 * belong to the variant. Every command works on this, so a URL table or a check never names a
 * service the variant does not start.
 */
export function variantOf(lab: Lab, selection: Selection): Lab {
  const { urls, checks } = lab.manifest;
  return {
    ...lab,
    compose: selection.compose === lab.manifest.compose ? lab.compose : readComposeFile(join(lab.dir, selection.compose)),
    manifest: {
      ...lab.manifest,
      urls: urls.filter((u) => applies(u.when, selection.choices)),
      checks: checks.filter((c) => applies(c.when, selection.choices)),
    },
  };
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
