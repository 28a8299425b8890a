// The one list of commands: name, summary, flags, positionals, help and the module that runs it.
// Parsing (args.ts), help (help.ts), dispatch (cli.ts) and the README's command table all derive
// from it, so adding a command is one entry here and one module next to this file.
// Pure: modules load lazily, so --help and input errors answer without loading zx.
import { join, relative } from 'node:path';
import type { ParsedArgs } from '../args.ts';
import { type Lab, repoRoot } from '../labs.ts';
import type { Manifest } from '../manifest.ts';

export interface Flag {
  name: string;
  /** Placeholder of the flag's value (`--timeout <seconds>`); absent for a switch. */
  value?: string;
  description: string;
}

export interface Positional {
  name: string;
  required: boolean;
  description: string;
}

export interface CommandInput {
  lab: Lab;
  args: ParsedArgs;
}

export interface CommandModule {
  run(input: CommandInput): Promise<void>;
}

/** The parts of a lab's manifest that change what a command accepts. */
export type LabShape = Pick<Manifest, 'options' | 'traffic'>;

export interface CommandSpec {
  name: string;
  summary: string;
  flags: Flag[];
  positionals: Positional[];
  /** `up` also takes the lab's own options from lab.yaml (`--collector alloy`, `--alloy`). */
  labOptions?: boolean;
  /** Why this lab has no such command, if it has none. */
  unavailable?(lab: LabShape, id: string): string | undefined;
  /** Lab-specific help under the options. */
  help?(lab: Lab): string;
  load(): Promise<CommandModule>;
}

export const DEFAULT_COMMAND = 'up';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'up',
    summary: 'preflight, start the lab, wait until every service is healthy, print the URLs',
    flags: [{ name: 'timeout', value: 'seconds', description: 'how long to wait for every service to be healthy (default: 300)' }],
    positionals: [],
    labOptions: true,
    help: (lab) => {
      // From the repository root, as the course pages run every command.
      const file = (f: string) => `-f ${join(relative(repoRoot, lab.dir), f)}`;
      const variants = lab.manifest.options.flatMap((o) =>
        Object.entries(o.choices)
          .filter(([, c]) => c.files.length > 0)
          .map(([name, c]) => `  (--${name}: add ${c.files.map(file).join(' ')})`),
      );
      return [
        'The choices are remembered: down, status, logs, verify and traffic act on the variant that up started.',
        'Plain Compose works too, from the repository root:',
        `  docker compose ${file(lab.manifest.compose)} up -d`,
        ...variants,
      ].join('\n');
    },
    load: () => import('./up.ts'),
  },
  {
    name: 'down',
    summary: 'stop the lab (--volumes also deletes its data)',
    flags: [{ name: 'volumes', description: "also delete the lab's data (named volumes)" }],
    positionals: [],
    load: () => import('./down.ts'),
  },
  {
    name: 'status',
    summary: "each service's state and health, and the URLs",
    flags: [],
    positionals: [],
    load: () => import('./status.ts'),
  },
  {
    name: 'logs',
    summary: 'follow the logs of the lab or of one service',
    flags: [{ name: 'no-follow', description: 'print the last lines and exit' }],
    positionals: [{ name: 'service', required: false, description: 'one service (default: all of them)' }],
    help: (lab) => `Services: ${Object.keys(lab.manifest.services).join(', ')}`,
    load: () => import('./logs.ts'),
  },
  {
    name: 'verify',
    summary: "run the lab's live checks against the running stack",
    flags: [
      { name: 'only', value: 'id,...', description: 'run only these checks (opt-in ones included)' },
      { name: 'all', description: 'run every check, opt-in exercises included' },
    ],
    positionals: [],
    help: (lab) => {
      const rows = lab.manifest.checks.map(
        (c) => `  ${c.id.padEnd(26)} ${c.title.en}${c.optIn ? '  [opt-in]' : ''} (timeout ${c.timeout}s)`,
      );
      return (
        `Checks of the ${lab.id} lab (in order):\n${rows.join('\n') || '  (none declared)'}\n\n` +
        'Each check prints PASS or FAIL with its time; the exit code is 1 when any failed.'
      );
    },
    load: () => import('./verify.ts'),
  },
  {
    name: 'doctor',
    summary: 'preflight only: Docker engine, Compose v2, memory, CPU, free ports',
    flags: [],
    positionals: [],
    load: () => import('./doctor.ts'),
  },
  {
    name: 'traffic',
    summary: "run the lab's k6 traffic generator once",
    flags: [
      { name: 'vus', value: 'n', description: 'virtual users (default: from lab.yaml)' },
      { name: 'duration', value: 'd', description: 'how long, e.g. 30s or 5m (default: from lab.yaml)' },
    ],
    positionals: [],
    unavailable: (lab, id) => (lab.traffic ? undefined : `The ${id} lab makes its own traffic; it has no traffic command.`),
    help: (lab) => {
      const t = lab.manifest.traffic;
      return t ? `Runs the "${t.service}" service: k6 with K6_VUS=${t.vus} and K6_DURATION=${t.duration} unless given.` : '';
    },
    load: () => import('./traffic.ts'),
  },
  {
    name: 'pull',
    summary: 'pull (and build) every image of every variant of the lab',
    flags: [],
    positionals: [],
    load: () => import('./pull.ts'),
  },
  {
    name: 'bundle',
    summary: 'save every image into one archive, for a classroom without network',
    flags: [],
    positionals: [{ name: 'file', required: false, description: 'the archive to write (default: <lab>-images.tar)' }],
    help: (lab) =>
      `Writes ${lab.id}-images.tar (or [file], relative to where you run the command): every image of every variant.\n` +
      `Images already on this machine are used as they are; missing ones are pulled first.\n` +
      `Copy it to each laptop and run: pnpm lab:${lab.id} load <file>`,
    load: () => import('./bundle.ts'),
  },
  {
    name: 'load',
    summary: 'load an archive made by bundle',
    flags: [],
    positionals: [{ name: 'file', required: true, description: 'the archive made by bundle' }],
    help: (lab) => `Loads the images saved by \`pnpm lab:${lab.id} bundle\`; then \`pnpm lab:${lab.id}\` starts without a network.`,
    load: () => import('./load.ts'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** `logs [service] [--no-follow]`: the command line a person types, without the lab. */
export function usage(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`));
  const flags = spec.flags.map((f) => `[--${f.name}${f.value ? ` <${f.value}>` : ''}]`);
  const options = spec.labOptions ? ['[lab options]'] : [];
  return [spec.name, ...positionals, ...flags, ...options].join(' ');
}
