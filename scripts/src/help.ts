// --help texts and the README's command table, all from the command registry. Lab-specific parts
// (options, checks, traffic) come from lab.yaml.
import { COMMANDS, type CommandSpec, DEFAULT_COMMAND, usage } from './commands/registry.ts';
import type { Lab } from './labs.ts';
import { markdownTable } from './table.ts';

const EXIT_CODES = `Exit codes: 0 ok; 1 the lab failed (unhealthy service, failed check, compose error);
            2 bad input (unknown lab, command or option); 3 this machine is not ready
            (no docker, engine not running, Compose v1 only, port taken).`;

/** The main help; `lab` is the lab the user named (examples then use it). */
export function mainHelp(labs: string[], lab?: Lab): string {
  const example = lab?.id ?? labs[0] ?? '<lab>';
  const rows = COMMANDS.map((c) => {
    const missing = lab ? c.unavailable?.(lab.manifest, lab.id) : undefined;
    return `  ${usage(c).padEnd(44)} ${missing ? `(not in the ${lab?.id} lab)` : c.summary}`;
  });
  return `Usage: pnpm lab:${lab?.id ?? '<lab>'} [command] [options]      (or: pnpm lab ${lab?.id ?? '<lab>'} <command>)

Labs: ${labs.join(', ') || '(none found under labs/)'}

Commands (default: ${DEFAULT_COMMAND}):
${rows.join('\n')}

Every command takes --help, e.g. pnpm lab:${example} verify --help

${EXIT_CODES}`;
}

export function commandHelp(lab: Lab, spec: CommandSpec): string {
  const unavailable = spec.unavailable?.(lab.manifest, lab.id);
  if (unavailable) return `pnpm lab:${lab.id} ${spec.name}: ${unavailable}`;
  const lines = [`Usage: pnpm lab:${lab.id} ${usage(spec)}`, '', `${spec.summary}.`];
  const options: [string, string][] = spec.flags.map((f) => [`--${f.name}${f.value ? ` <${f.value}>` : ''}`, f.description]);
  if (spec.labOptions) {
    for (const o of lab.manifest.options) {
      options.push([`--${o.name} <${Object.keys(o.choices).join('|')}>`, `${o.description} (default: ${o.default})`]);
      for (const [c, v] of Object.entries(o.choices)) options.push([`  --${c}`, `shorthand for --${o.name} ${c}: ${v.description.en}`]);
    }
  }
  const width = Math.max(0, ...[...spec.positionals.map((p) => p.name), ...options.map(([o]) => o)].map((t) => t.length)) + 2;
  if (spec.positionals.length > 0) {
    lines.push('', 'Arguments:', ...spec.positionals.map((p) => `  ${p.name.padEnd(width)} ${p.description}`));
  }
  if (options.length > 0) lines.push('', 'Options:', ...options.map(([o, d]) => `  ${o.padEnd(width)} ${d}`));
  const extra = spec.help?.(lab);
  if (extra) lines.push('', extra);
  return lines.join('\n');
}

/** The README's command table (Markdown), checked against README.md by a test. */
export function commandTable(): string {
  return markdownTable(
    ['command', 'does'],
    COMMANDS.map((c) => [`\`${usage(c)}\`${c.name === DEFAULT_COMMAND ? ' (default)' : ''}`, c.summary]),
  );
}
