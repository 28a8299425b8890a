// Entry point: `pnpm lab:<lab> [command] [options]`. Heavy modules (zx, commands) load lazily
// so --help and input errors answer at once.
import { isCommand, type ParsedArgs, parseArgs, positiveNumber } from './args.ts';
import { LabError } from './errors.ts';
import { commandHelp, mainHelp } from './help.ts';
import { findLab, type Lab, loadLabs } from './labs.ts';

async function run(argv: string[]): Promise<void> {
  const labs = loadLabs();
  const ids = labs.map((l) => l.id);
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h') {
    console.log(mainHelp(ids));
    return;
  }
  if (first.startsWith('-')) {
    throw new LabError(`Name a lab before any option. Labs: ${ids.join(', ')}.`, 'Usage: pnpm lab:<lab> [command] [options]', 2);
  }
  // The lab decides which options `up` accepts, so find it before parsing the rest.
  const found: Lab = findLab(first);
  const options = found.manifest.options.map((o) => ({ name: o.name, choices: Object.keys(o.choices) }));
  const args: ParsedArgs = parseArgs(argv, options);
  if (args.help) {
    const explicitCommand = argv.slice(1).some((w) => isCommand(w));
    console.log(explicitCommand ? commandHelp(found, args.command) : mainHelp(ids));
    return;
  }
  const { select, savedSelection, variantOf } = await import('./selection.ts');
  const selection = args.command === 'up' ? select(found, args.choices) : savedSelection(found);
  // From here on the lab is the chosen variant: its compose file, URLs and checks.
  const lab = variantOf(found, selection);
  switch (args.command) {
    case 'up': {
      const timeout = args.flags.timeout === undefined ? 300 : positiveNumber('timeout', String(args.flags.timeout));
      return (await import('./commands/up.ts')).up(lab, selection, timeout);
    }
    case 'down':
      return (await import('./commands/down.ts')).down(lab, selection, args.flags.volumes === true);
    case 'status':
      return (await import('./commands/status.ts')).status(lab, selection);
    case 'logs':
      return (await import('./commands/logs.ts')).logs(lab, selection, args.positionals[0], args.flags['no-follow'] !== true);
    case 'verify': {
      const only = typeof args.flags.only === 'string' ? args.flags.only : undefined;
      return (await import('./commands/verify.ts')).verify(lab, selection, only, args.flags.all === true);
    }
    case 'doctor':
      return (await import('./commands/doctor.ts')).runDoctor(lab);
    case 'traffic': {
      const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
      return (await import('./commands/traffic.ts')).traffic(lab, selection, str(args.flags.vus), str(args.flags.duration));
    }
    case 'pull':
      return (await import('./commands/images.ts')).pull(lab);
    case 'bundle':
      return (await import('./commands/images.ts')).bundle(lab, args.positionals[0]);
    case 'load':
      return (await import('./commands/images.ts')).load(args.positionals[0] as string);
  }
}

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
