// Reads every command a page asks the student to type, in page order, and checks that each one
// resolves from the folder the page has put the student in: `cd` is tracked (subshells restore
// it), pnpm scripts must exist in the package.json pnpm would use there, files named must
// exist, the runner's commands and options are parsed by the runner's own parser, and plain
// `docker compose up` must use the compose files of the variant the page is running.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { composeFilesFor, DEFAULT_KIT, findLab, type Lab, loadLabs, REPO_BUNDLE, readComposeFile, repoRoot, select } from '@obslab/runner';
// The runner's own command-line parser: commands, flags and lab options are whatever it accepts.
import { parseArgs } from '../../scripts/src/args.ts';
import { parseRepository } from '../src/repository.ts';

/** Where a page that starts before the clone (setup) puts the student: a folder of their own. */
export const HOME = '/home/student';

export interface Step {
  kind: 'command' | 'tab-start' | 'tab-end' | 'clone';
  /** The command text, or the tab's value. */
  text: string;
  line: number;
  /** Typed in a fenced block (a command line) or inline in prose. */
  inline?: boolean;
}

const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'powershell']);
/** Inline code that starts with one of these is a command the student may type. */
const INLINE_COMMAND = /^(pnpm|docker|cd|git|npm|node|curl)\s/;

/** The commands, tabs and generated clone blocks of an MDX page, in order. */
export function pageSteps(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split('\n');
  let fence: { lang: string; body: string[]; start: number } | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const open = /^\s*```(\w*)/.exec(raw);
    if (fence) {
      if (/^\s*```\s*$/.test(raw)) {
        if (SHELL_LANGS.has(fence.lang)) {
          for (const cmd of joinContinuations(fence.body))
            steps.push({ kind: 'command', text: cmd.text, line: fence.start + cmd.offset + 1 });
        }
        fence = undefined;
      } else {
        fence.body.push(raw);
      }
      return;
    }
    if (open) {
      fence = { lang: open[1] ?? '', body: [], start: line };
      return;
    }
    for (const m of raw.matchAll(/<TabItem\b[^>]*\bvalue="([^"]+)"|<\/TabItem>|<CloneCommand\b[^>]*\/>|`([^`]+)`/g)) {
      if (m[0].startsWith('<TabItem')) steps.push({ kind: 'tab-start', text: m[1] ?? '', line });
      else if (m[0] === '</TabItem>') steps.push({ kind: 'tab-end', text: '', line });
      else if (m[0].startsWith('<CloneCommand')) steps.push({ kind: 'clone', text: '', line });
      else if (m[2] && INLINE_COMMAND.test(m[2])) steps.push({ kind: 'command', text: m[2], line, inline: true });
    }
  });
  return steps;
}

function joinContinuations(body: string[]): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let current: { text: string; offset: number } | undefined;
  body.forEach((raw, offset) => {
    const text = raw.trim();
    if (!current) {
      if (text === '' || text.startsWith('#')) return;
      current = { text: '', offset };
    }
    const continued = text.endsWith('\\');
    current.text += `${continued ? text.slice(0, -1).trimEnd() : text} `;
    if (!continued) {
      out.push({ text: current.text.trim(), offset: current.offset });
      current = undefined;
    }
  });
  return out;
}

/** A shell line split into simple commands, keeping subshell parentheses as markers. */
export function splitShell(line: string): (string[] | '(' | ')')[] {
  const out: (string[] | '(' | ')')[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) out.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      word += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '#' && !inWord) {
      break; // a comment runs to the end of the line
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '&' || c === '|' || c === ';') {
      endCommand();
      if (line[i + 1] === c) i++;
    } else if ((c === '(' && !inWord) || c === ')') {
      endCommand();
      out.push(c);
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return out;
}

interface State {
  cwd: string;
  /** Folders made by `git clone`, standing for the repository root. */
  clones: Map<string, string>;
  /** Lab option choices made by the last `pnpm lab:<lab> up` (e.g. loki: { collector: 'alloy' }). */
  variants: Map<string, Record<string, string>>;
  /** Choice selected by the enclosing tab, if its value names a lab option's choice. */
  tab: string | undefined;
  /** Files that commands on the page produce (bundle's archive). */
  produced: Set<string>;
}

const repository = parseRepository(
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url,
);

/** Programs a page may name that live outside the repository (installers, shells, the engine). */
const EXTERNAL = new Set([
  'brew',
  'colima',
  'corepack',
  'curl',
  'echo',
  'newgrp',
  'node',
  'npm',
  'sleep',
  'systemctl',
  'usermod',
  'wait',
  'winget',
  'wsl',
  'apt-get',
]);
const DOCKER_PLAIN = new Set(['info', 'version', 'ps', 'stats', 'context']);
const PNPM_BUILTIN = new Set(['install', 'i', 'dlx', 'exec', '--version', '-v']);

function nearestPackageJson(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return join(d, 'package.json');
    if (dirname(d) === d) return undefined;
  }
}

function workspacePackages(): { name: string; dir: string }[] {
  const dirs = [repoRoot, join(repoRoot, 'scripts'), join(repoRoot, 'docs'), join(repoRoot, 'e2e'), join(repoRoot, 'dashboards')];
  for (const lab of loadLabs()) dirs.push(lab.dir);
  return dirs
    .filter((d) => existsSync(join(d, 'package.json')))
    .map((dir) => ({ name: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name, dir }));
}

function scriptsOf(packageJson: string): Record<string, string> {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/** The lab whose folder holds `file`, if any. */
function labOf(file: string): Lab | undefined {
  return loadLabs().find((l) => !relative(l.dir, file).startsWith('..'));
}

/** The choices in force for a lab: a tab naming a choice wins over the last `up`. */
function choicesFor(lab: Lab, state: State): Record<string, string> {
  const choices = { ...(state.variants.get(lab.id) ?? {}) };
  for (const o of lab.manifest.options) if (state.tab && state.tab in o.choices) choices[o.name] = state.tab;
  return choices;
}

const SERVICE_ARG: Record<string, 'all' | 'first'> = {
  start: 'all',
  stop: 'all',
  restart: 'all',
  rm: 'all',
  pause: 'all',
  unpause: 'all',
  logs: 'all',
  ps: 'all',
  up: 'all',
  exec: 'first',
  run: 'first',
  port: 'first',
};
/** Compose subcommand flags that take a value (so the value is not read as a service). */
const COMPOSE_VALUE_FLAGS = new Set(['--scale', '-e', '--env', '--tail', '--format', '-u', '--user', '-w', '--workdir', '--timeout', '-t']);

function checkCompose(args: string[], state: State): string[] {
  const errors: string[] = [];
  const files: string[] = [];
  const profiles: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-f' || a === '--file') files.push(resolve(state.cwd, args[++i] ?? ''));
    else if (a === '--profile') profiles.push(args[++i] ?? '');
    else if (a === '-p' || a === '--project-name' || a === '--env-file') i++;
    else if (a.startsWith('-')) return [`docker compose option ${a} is not one this check knows`];
    else break;
  }
  const sub = args[i];
  if (sub === undefined) return ['docker compose without a subcommand'];
  if (sub === 'version') return [];
  if (files.length === 0) {
    // Compose looks for compose.yaml in the folder and then its parents.
    for (let d = state.cwd; ; d = dirname(d)) {
      const found = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].map((f) => join(d, f)).find(existsSync);
      if (found) {
        files.push(found);
        break;
      }
      if (dirname(d) === d) return [`no compose.yaml in ${state.cwd} or above it: add -f <file> or cd into the lab`];
    }
  }
  for (const f of files) if (!existsSync(f)) errors.push(`compose file ${relative(repoRoot, f)} does not exist`);
  if (errors.length) return errors;

  const services = new Map<string, string[]>();
  for (const f of files) {
    for (const [name, svc] of Object.entries(readComposeFile(f).services)) {
      if (svc.profiles !== undefined || !services.has(name)) services.set(name, svc.profiles ?? []);
    }
  }
  const lab = labOf(files[0] as string);
  if (lab && (sub === 'up' || sub === 'create')) {
    const want = composeFilesFor(lab, select(lab, choicesFor(lab, state))).map((f) => join(lab.dir, f));
    if (JSON.stringify(want) !== JSON.stringify(files)) {
      errors.push(
        `\`docker compose ${sub}\` with ${files.map((f) => relative(state.cwd, f)).join(', ')} would change the running variant: ` +
          `use ${want.map((f) => relative(state.cwd, f)).join(', ')}`,
      );
    }
  }
  const rest = args.slice(i + 1);
  const named: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const a = rest[j] as string;
    if (a === '--scale') {
      named.push((rest[++j] ?? '').split('=')[0] ?? '');
      continue;
    }
    if (COMPOSE_VALUE_FLAGS.has(a)) {
      j++;
      continue;
    }
    if (a.startsWith('-')) continue;
    named.push(a);
    if (SERVICE_ARG[sub] === 'first') break;
  }
  if (!SERVICE_ARG[sub] && !['down', 'config', 'images', 'top', 'pull', 'build', 'ls'].includes(sub)) {
    errors.push(`docker compose ${sub} is not a subcommand this check knows`);
  }
  for (const name of SERVICE_ARG[sub] ? named : []) {
    const svcProfiles = services.get(name);
    if (svcProfiles === undefined) errors.push(`no service "${name}" in ${files.map((f) => relative(repoRoot, f)).join(' + ')}`);
    else if (sub !== 'run' && svcProfiles.length > 0 && !svcProfiles.some((p) => profiles.includes(p))) {
      errors.push(`service "${name}" is behind profile ${svcProfiles.join('/')} in these files: it is not running`);
    }
  }
  return errors;
}

/** Checks `pnpm lab:<lab> ...` words with the runner's parser and the lab's own lists. */
function checkRunner(words: string[], state: State): string[] {
  const [labId] = words;
  if (labId === undefined) return [];
  let lab: Lab;
  try {
    lab = findLab(labId);
  } catch (err) {
    return [(err as Error).message];
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(words, lab.manifest, lab.id);
  } catch (err) {
    return [`the runner rejects it: ${(err as Error).message}`];
  }
  const errors: string[] = [];
  if (parsed.command === 'up') state.variants.set(lab.id, { ...parsed.choices });
  if (parsed.command === 'down') state.variants.delete(lab.id);
  const only = parsed.flags.only;
  if (typeof only === 'string') {
    for (const id of only.split(','))
      if (!lab.manifest.checks.some((c) => c.id === id)) errors.push(`no check "${id}" in ${lab.id}/lab.yaml`);
  }
  const services = Object.keys(lab.manifest.services);
  if (
    parsed.command === 'logs' &&
    parsed.positionals[0] &&
    !parsed.positionals[0].startsWith('<') &&
    !services.includes(parsed.positionals[0])
  ) {
    errors.push(`no service "${parsed.positionals[0]}" in ${lab.id}`);
  }
  if (parsed.command === 'bundle') state.produced.add(resolve(state.cwd, parsed.positionals[0] ?? DEFAULT_KIT));
  if (parsed.command === 'load') {
    // The kit folder is made by `bundle` on this page, or handed out by the instructor under its
    // default name (or named by a placeholder); load also takes the lab's archive in it.
    const given = parsed.positionals[0] ?? DEFAULT_KIT;
    const handedOut = given.startsWith('<') || [DEFAULT_KIT, `${lab.id}-images.tar`].includes(basename(given));
    if (!state.produced.has(resolve(state.cwd, given)) && !handedOut) {
      errors.push(`${given} is not what \`pnpm lab:${lab.id} bundle\` makes (a ${DEFAULT_KIT} folder with ${lab.id}-images.tar)`);
    }
  }
  return errors;
}

/** Follows a package.json script to the runner: `tsx scripts/src/cli.ts <words>`, or a hop to another package. */
function checkScript(pkgDir: string, script: string, userArgs: string[], state: State, depth = 0): string[] {
  const scripts = scriptsOf(join(pkgDir, 'package.json'));
  const body = scripts[script];
  if (body === undefined) {
    return [
      `no script "${script}" in ${relative(repoRoot, join(pkgDir, 'package.json')) || 'package.json'} (pnpm runs the one nearest ${relative(repoRoot, state.cwd) || 'the repository root'})`,
    ];
  }
  const words = splitShell(body)[0];
  if (!Array.isArray(words) || depth > 3) return [];
  const cli = join(repoRoot, 'scripts', 'src', 'cli.ts');
  if (words[0] === 'tsx' && resolve(pkgDir, words[1] ?? '') === cli) return checkRunner([...words.slice(2), ...userArgs], state);
  // A hop such as `pnpm -w lab loki` or `pnpm --dir ../.. lab:loki`.
  if (words[0] === 'pnpm') {
    let dir = pkgDir;
    let k = 1;
    for (; k < words.length; k++) {
      const w = words[k] as string;
      if (w === '-w' || w === '--workspace-root') dir = repoRoot;
      else if (w === '-C' || w === '--dir') dir = resolve(pkgDir, words[++k] ?? '');
      else break;
    }
    const next = words[k];
    if (next && dir !== pkgDir)
      return checkScript(
        dir,
        next === 'run' ? (words[k + 1] ?? '') : next,
        [...words.slice(next === 'run' ? k + 2 : k + 1), ...userArgs],
        state,
        depth + 1,
      );
  }
  return [];
}

function checkPnpm(args: string[], state: State): string[] {
  if (args[0] === '--version' || args[0] === '-v') return [];
  const pkg = nearestPackageJson(state.cwd);
  if (!pkg) return [`no package.json in ${state.cwd} or above it: pnpm has no project here`];
  let dir = dirname(pkg);
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k] as string;
    if (a === '--filter' || a === '-F') {
      const name = args[++k];
      const found = workspacePackages().find((p) => p.name === name);
      if (!found) return [`no workspace package "${name}"`];
      dir = found.dir;
    } else if (a === '-w' || a === '--workspace-root') dir = repoRoot;
    else if (a === '-C' || a === '--dir') dir = resolve(state.cwd, args[++k] ?? '');
    else break;
  }
  const first = args[k];
  if (first === undefined) return ['pnpm without a command'];
  if (PNPM_BUILTIN.has(first)) return [];
  const script = first === 'run' ? (args[k + 1] ?? '') : first;
  return checkScript(dir, script, args.slice(first === 'run' ? k + 2 : k + 1), state);
}

function checkPaths(args: string[], state: State): string[] {
  // Arguments that name a file of the repository: relative paths into its folders, or config files.
  return args
    .filter((a) => !a.startsWith('-') && !isAbsolute(a) && !a.includes('://') && !a.includes('<'))
    .filter((a) => /^(\.\.?\/|labs\/|scripts\/|docs\/|dashboards\/|e2e\/)/.test(a) || /\.(ya?ml|alloy|conf|json)$/.test(a))
    .filter((a) => !existsSync(resolve(state.cwd, a)))
    .map((a) => `${a} does not exist from ${relative(repoRoot, state.cwd) || 'the repository root'}`);
}

/** Runs one simple command against the state; returns what is wrong with it. */
export function checkCommand(words: string[], state: State): string[] {
  let w = [...words];
  while (w[0] && /^[A-Z_][A-Z0-9_]*=/.test(w[0])) w = w.slice(1);
  if (w[0] === 'sudo') w = w.slice(1);
  const [program, ...args] = w;
  if (program === undefined) return [];
  switch (program) {
    case 'cd': {
      const target = args[0] ?? '~';
      const to = target === '~' ? HOME : resolve(state.cwd, target);
      const cloned = state.clones.get(to);
      if (cloned) {
        state.cwd = cloned;
        return [];
      }
      if (!existsSync(to) || !statSync(to).isDirectory())
        return [`cd ${target}: no such folder from ${relative(repoRoot, state.cwd) || state.cwd}`];
      state.cwd = to;
      return [];
    }
    case 'git': {
      if (args[0] !== 'clone') return [];
      // The offline kit holds the repository as a git bundle, cloned the same way.
      if (args[1] !== repository.cloneUrl && basename(args[1] ?? '') !== REPO_BUNDLE)
        return [`git clone ${args[1]}: the repository is ${repository.cloneUrl} (root package.json)`];
      state.clones.set(resolve(state.cwd, args[2] ?? repository.folder), repoRoot);
      return [];
    }
    case 'pnpm':
      return checkPnpm(args, state);
    case 'docker':
      if (args[0] === 'compose') return checkCompose(args.slice(1), state);
      if (args[0] === 'manifest' && args[1] === 'inspect') return [];
      return DOCKER_PLAIN.has(args[0] ?? '') ? [] : [`docker ${args[0]} is not a command this check knows`];
    default:
      if (!EXTERNAL.has(program))
        return [`unknown program "${program}": add it to the known list in docs/test/commands.mts if it is right`];
      return checkPaths(args, state);
  }
}

export interface Problem {
  page: string;
  line: number;
  command: string;
  error: string;
}

/** Walks a page's steps from `start` and reports every command that would not work, and where the page ends. */
export function checkPage(page: string, text: string, start: string): { problems: Problem[]; end: string; commands: number } {
  const labs = loadLabs();
  const state: State = { cwd: start, clones: new Map(), variants: new Map(), tab: undefined, produced: new Set() };
  const problems: Problem[] = [];
  let commands = 0;
  for (const step of pageSteps(text)) {
    if (step.kind === 'tab-start') state.tab = step.text;
    else if (step.kind === 'tab-end') state.tab = undefined;
    else if (step.kind === 'clone') {
      for (const cmd of [`git clone ${repository.cloneUrl}`, `cd ${repository.folder}`]) {
        for (const e of checkCommand(cmd.split(' '), state)) problems.push({ page, line: step.line, command: cmd, error: e });
      }
    } else {
      // `<lab>` stands for each lab in turn; other placeholders are checked as written.
      const texts = step.text.includes('<lab>') ? labs.map((l) => step.text.replaceAll('<lab>', l.id)) : [step.text];
      for (const t of texts) {
        const saved = { cwd: state.cwd };
        const stack: string[] = [];
        for (const part of splitShell(t)) {
          if (part === '(') stack.push(state.cwd);
          else if (part === ')') state.cwd = stack.pop() ?? state.cwd;
          else {
            commands++;
            for (const e of checkCommand(part, state)) problems.push({ page, line: step.line, command: t, error: e });
          }
        }
        // Inline mentions never move the student.
        if (step.inline) state.cwd = saved.cwd;
      }
    }
  }
  return { problems, end: state.cwd, commands };
}
