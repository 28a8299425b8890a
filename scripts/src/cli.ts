// Entry point: `pnpm lab:<lab> [command] [options]`. Command modules load lazily (see
// commands/registry.ts) so --help and input errors answer at once.
import { parseArgs } from './args.ts';
import { type CommandSpec, findCommand } from './commands/registry.ts';
import { LabError } from './errors.ts';
import { commandHelp, mainHelp } from './help.ts';
import { findLab, loadLabs } from './labs.ts';
import { savedSelection, select, variantOf } from './selection.ts';

async function run(argv: string[]): Promise<void> {
  const labs = loadLabs();
  const ids = labs.map((l) => l.id);
  const first = argv[0];
  if (first === '--help' || first === '-h') {
    console.log(mainHelp(ids));
    return;
  }
  if (first === undefined) {
    console.error(mainHelp(ids));
    throw new LabError('Name a lab.', `For example: pnpm lab:${ids[0] ?? '<lab>'}`, 2);
  }
  if (first.startsWith('-')) {
    throw new LabError(`Name a lab before any option. Labs: ${ids.join(', ')}.`, 'Usage: pnpm lab:<lab> [command] [options]', 2);
  }
  // The lab decides which options `up` accepts, so find it before parsing the rest.
  const lab = findLab(first);
  const args = parseArgs(argv, lab.manifest, lab.id);
  const spec = findCommand(args.command) as CommandSpec;
  // Every command (and its help) works on the variant that runs (up: the one asked for; others:
  // the one up started): its base compose file, and only its URLs and checks.
  const variant = variantOf(lab, spec.name === 'up' ? select(lab, args.choices) : savedSelection(lab));
  if (args.help) {
    console.log(args.commandGiven ? commandHelp(variant, spec) : mainHelp(ids, variant));
    return;
  }
  await (await spec.load()).run({ lab: variant, args });
}

// `pnpm lab:loki status | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof LabError) {
    console.error(`\nerror: ${err.message}`);
    if (err.hint) console.error(`  -> ${err.hint}`);
    process.exitCode = err.exitCode;
  } else {
    throw err;
  }
}
