// Command-line parsing for `pnpm lab:<lab> [command] [options]`, from the command registry.
// Pure: no I/O, so it is tested directly.
import { COMMANDS, type CommandSpec, DEFAULT_COMMAND, findCommand, type LabShape } from './commands/registry.ts';
import { LabError } from './errors.ts';

export interface ParsedArgs {
  lab: string | undefined;
  command: string;
  /** The command was named (not the default): `--help` then explains that command. */
  commandGiven: boolean;
  help: boolean;
  positionals: string[];
  flags: Record<string, string | true>;
  /** Lab option choices given on the command line, e.g. { collector: 'alloy' }. */
  choices: Record<string, string>;
}

const NO_LAB: LabShape = { options: [], traffic: undefined };

function usageError(message: string, command?: string): LabError {
  return new LabError(message, command ? `Run \`${command} --help\` for usage.` : 'Run with --help for usage.', 2);
}

/**
 * Parses the words after `cli.ts`: `<lab> [command] [positionals] [--flags]`. `--help` may stand
 * anywhere (`--help verify` and `verify --help` both explain verify). `lab` gives the options that
 * `up` accepts from lab.yaml, as `--<option> <choice>`, `--<option>=<choice>`, or the shorthand
 * `--<choice>` when that choice name is unique.
 */
export function parseArgs(argv: string[], lab: LabShape = NO_LAB, labId = '<lab>'): ParsedArgs {
  const help = argv.some((w) => w === '--help' || w === '-h');
  const words = argv.filter((w) => w !== '--help' && w !== '-h');
  const parsed: ParsedArgs = {
    lab: undefined,
    command: DEFAULT_COMMAND,
    commandGiven: false,
    help,
    positionals: [],
    flags: {},
    choices: {},
  };
  if (words[0] !== undefined && !words[0].startsWith('-')) parsed.lab = words.shift();
  if (words[0] !== undefined && !words[0].startsWith('-')) {
    const word = words.shift() as string;
    if (!findCommand(word)) {
      throw usageError(`Unknown command "${word}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    }
    parsed.command = word;
    parsed.commandGiven = true;
  }
  const spec = findCommand(parsed.command) as CommandSpec;
  const unavailable = spec.unavailable?.(lab, labId);
  if (unavailable && !help) throw new LabError(unavailable, undefined, 2);

  const options = spec.labOptions ? lab.options.map((o) => ({ name: o.name, choices: Object.keys(o.choices) })) : [];
  const counts = new Map<string, number>();
  for (const o of options) for (const c of o.choices) counts.set(c, (counts.get(c) ?? 0) + 1);
  const shorthand = new Map<string, string>();
  for (const o of options) for (const c of o.choices) if (counts.get(c) === 1) shorthand.set(c, o.name);

  while (words.length > 0) {
    const word = words.shift() as string;
    if (!word.startsWith('--')) {
      parsed.positionals.push(word);
      continue;
    }
    const [name = '', inline] = word.slice(2).split(/=(.*)/s, 2);
    const takeValue = (): string => {
      const value = inline ?? words.shift();
      if (value === undefined || value.startsWith('--')) throw usageError(`Option --${name} needs a value.`, spec.name);
      return value;
    };
    const option = options.find((o) => o.name === name);
    if (option) {
      const choice = takeValue();
      if (!option.choices.includes(choice)) {
        throw usageError(`--${name} must be one of: ${option.choices.join(', ')} (got "${choice}").`, spec.name);
      }
      parsed.choices[name] = choice;
      continue;
    }
    if (shorthand.has(name) && inline === undefined) {
      parsed.choices[shorthand.get(name) as string] = name;
      continue;
    }
    const flag = spec.flags.find((f) => f.name === name);
    if (!flag) {
      const known = [...spec.flags.map((f) => `--${f.name}`), ...options.map((o) => `--${o.name}`)];
      throw usageError(`Unknown option --${name} for "${spec.name}".${known.length ? ` Options: ${known.join(', ')}.` : ''}`, spec.name);
    }
    parsed.flags[name] = flag.value ? takeValue() : true;
  }
  const min = spec.positionals.filter((p) => p.required).length;
  const max = spec.positionals.length;
  if (!help && parsed.positionals.length < min) {
    throw usageError(
      `"${spec.name}" needs ${spec.positionals
        .filter((p) => p.required)
        .map((p) => `<${p.name}>`)
        .join(' ')}.`,
      spec.name,
    );
  }
  if (!help && parsed.positionals.length > max) {
    throw usageError(`Unexpected argument "${parsed.positionals[max] ?? ''}" for "${spec.name}".`, spec.name);
  }
  return parsed;
}

/** The value of a flag that takes one, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Parses a positive number, or throws a usage error naming the flag. */
export function positiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new LabError(`--${flag} must be a positive number (got "${value}").`, undefined, 2);
  return n;
}
