// Command-line parsing for `pnpm lab:<lab> [command] [options]`. Pure: no I/O, so it is tested directly.
import { LabError } from './errors.ts';

export const COMMANDS = ['up', 'down', 'status', 'logs', 'verify', 'doctor', 'traffic', 'pull', 'bundle', 'load'] as const;
export type Command = (typeof COMMANDS)[number];

/** Flags each command accepts; `value` flags take an argument. Lab options (e.g. --collector) are added for `up`. */
export const COMMAND_FLAGS: Record<Command, { name: string; value: boolean }[]> = {
  up: [{ name: 'timeout', value: true }],
  down: [{ name: 'volumes', value: false }],
  status: [],
  logs: [{ name: 'no-follow', value: false }],
  verify: [
    { name: 'only', value: true },
    { name: 'all', value: false },
  ],
  doctor: [],
  traffic: [
    { name: 'vus', value: true },
    { name: 'duration', value: true },
  ],
  pull: [],
  bundle: [],
  load: [],
};

/** How many positionals each command takes: [min, max]. */
const POSITIONALS: Record<Command, [number, number]> = {
  up: [0, 0],
  down: [0, 0],
  status: [0, 0],
  logs: [0, 1],
  verify: [0, 0],
  doctor: [0, 0],
  traffic: [0, 0],
  pull: [0, 0],
  bundle: [0, 1],
  load: [1, 1],
};

export interface LabOptionSpec {
  name: string;
  choices: string[];
}

export interface ParsedArgs {
  lab: string | undefined;
  command: Command;
  help: boolean;
  positionals: string[];
  flags: Record<string, string | true>;
  /** Lab option choices given on the command line, e.g. { collector: 'alloy' }. */
  choices: Record<string, string>;
}

export function isCommand(word: string): word is Command {
  return (COMMANDS as readonly string[]).includes(word);
}

/**
 * Parses the words after `tsx cli.ts`: `<lab> [command] [positionals] [--flags]`.
 * `options` are the lab's choices from lab.yaml, accepted by `up` as `--<option> <choice>`,
 * `--<option>=<choice>`, or the shorthand `--<choice>` when that choice name is unique.
 */
export function parseArgs(argv: string[], options: LabOptionSpec[] = []): ParsedArgs {
  const words = [...argv];
  const parsed: ParsedArgs = { lab: undefined, command: 'up', help: false, positionals: [], flags: {}, choices: {} };
  if (words[0] !== undefined && !words[0].startsWith('-')) parsed.lab = words.shift();
  if (words[0] !== undefined && !words[0].startsWith('-')) {
    const word = words.shift() as string;
    if (!isCommand(word)) {
      throw new LabError(`Unknown command "${word}". Commands: ${COMMANDS.join(', ')}.`, 'Run with --help for usage.', 2);
    }
    parsed.command = word;
  }
  const allowed = COMMAND_FLAGS[parsed.command];
  const shorthand = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const o of options) for (const c of o.choices) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const o of options) for (const c of o.choices) if (counts.get(c) === 1) shorthand.set(c, o.name);

  while (words.length > 0) {
    const word = words.shift() as string;
    if (word === '--help' || word === '-h') {
      parsed.help = true;
      continue;
    }
    if (!word.startsWith('--')) {
      parsed.positionals.push(word);
      continue;
    }
    const [name = '', inline] = word.slice(2).split(/=(.*)/s, 2);
    const takeValue = (): string => {
      const value = inline ?? words.shift();
      if (value === undefined || value.startsWith('--')) {
        throw new LabError(`Option --${name} needs a value.`, 'Run with --help for usage.', 2);
      }
      return value;
    };
    const option = parsed.command === 'up' ? options.find((o) => o.name === name) : undefined;
    if (option) {
      const choice = takeValue();
      if (!option.choices.includes(choice)) {
        throw new LabError(
          `--${name} must be one of: ${option.choices.join(', ')} (got "${choice}").`,
          'Run `up --help` to see the choices.',
          2,
        );
      }
      parsed.choices[name] = choice;
      continue;
    }
    if (parsed.command === 'up' && shorthand.has(name) && inline === undefined) {
      parsed.choices[shorthand.get(name) as string] = name;
      continue;
    }
    const flag = allowed.find((f) => f.name === name);
    if (!flag) {
      const known = [...allowed.map((f) => `--${f.name}`), ...(parsed.command === 'up' ? options.map((o) => `--${o.name}`) : [])];
      throw new LabError(
        `Unknown option --${name} for "${parsed.command}".${known.length ? ` Options: ${known.join(', ')}.` : ''}`,
        `Run \`${parsed.command} --help\` for usage.`,
        2,
      );
    }
    parsed.flags[name] = flag.value ? takeValue() : true;
  }
  const [min, max] = POSITIONALS[parsed.command];
  if (!parsed.help && (parsed.positionals.length < min || parsed.positionals.length > max)) {
    throw new LabError(
      parsed.positionals.length < min
        ? `"${parsed.command}" needs ${min === 1 ? 'an argument' : `${min} arguments`}.`
        : `Unexpected argument "${parsed.positionals[max] ?? ''}" for "${parsed.command}".`,
      `Run \`${parsed.command} --help\` for usage.`,
      2,
    );
  }
  return parsed;
}

/** Parses a positive number of seconds, or throws a usage error naming the flag. */
export function positiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new LabError(`--${flag} must be a positive number (got "${value}").`, undefined, 2);
  return n;
}
