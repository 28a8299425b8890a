// --help texts. Lab-specific parts (options, checks, traffic) come from lab.yaml.
import type { Command } from './args.ts';
import type { Lab } from './labs.ts';

const EXIT_CODES = `Exit codes: 0 ok; 1 the lab failed (unhealthy service, failed check, compose error);
            2 bad input (unknown lab, command or option); 3 this machine is not ready
            (no docker, engine not running, Compose v1 only, port taken).`;

const SUMMARY: Record<Command, string> = {
  up: 'preflight, start the lab, wait until every service is healthy, print the URLs',
  down: 'stop the lab (--volumes also deletes its data)',
  status: "each service's state and health, and the URLs",
  logs: 'follow the logs of the lab or of one service',
  verify: "run the lab's live checks against the running stack",
  doctor: 'preflight only: Docker engine, Compose v2, memory, CPU, free ports',
  traffic: "run the lab's k6 traffic generator once",
  pull: 'pull (and build) every image of every variant of the lab',
  bundle: 'save every image into one archive, for a classroom without network',
  load: 'load an archive made by bundle',
};

export function mainHelp(labs: string[]): string {
  const first = labs[0] ?? '<lab>';
  return `Usage: pnpm lab:<lab> [command] [options]      (or: pnpm lab <lab> <command>)

Labs: ${labs.join(', ') || '(none found under labs/)'}

Commands (default: up):
${Object.entries(SUMMARY)
  .map(([c, s]) => `  ${(c + ARGS[c as Command]).padEnd(34)} ${s}`)
  .join('\n')}

Every command takes --help, e.g. pnpm lab:${first} verify --help

${EXIT_CODES}`;
}

const ARGS: Record<Command, string> = {
  up: ' [options]',
  down: ' [--volumes]',
  status: '',
  logs: ' [service] [--no-follow]',
  verify: ' [--only id,..] [--all]',
  doctor: '',
  traffic: ' [--vus N] [--duration D]',
  pull: '',
  bundle: ' [file]',
  load: ' <file>',
};

export function commandHelp(lab: Lab, command: Command): string {
  const m = lab.manifest;
  const head = `Usage: pnpm lab:${lab.id} ${command}${ARGS[command]}\n\n${SUMMARY[command]}.\n`;
  switch (command) {
    case 'up': {
      const options = m.options.flatMap((o) => [
        `  --${o.name} <${Object.keys(o.choices).join('|')}>   ${o.description} (default: ${o.default})`,
        ...Object.entries(o.choices).map(([c, v]) => `      --${c}   shorthand for --${o.name} ${c}: ${v.description.en}`),
      ]);
      return `${head}
Options:
  --timeout <seconds>   how long to wait for every service to be healthy (default: 300)
${options.join('\n')}

The choices are remembered: down, status, logs, verify and traffic act on the variant that up started.
Plain Compose works too: cd ${lab.dir} && docker compose up -d`;
    }
    case 'verify': {
      const rows = m.checks.map((c) => `  ${c.id.padEnd(26)} ${c.title}${c.optIn ? '  [opt-in]' : ''} (timeout ${c.timeout}s)`);
      return `${head}
Checks of the ${lab.id} lab (in order):
${rows.join('\n') || '  (none declared)'}

Options:
  --only <id,...>   run only these checks (opt-in ones included)
  --all             run every check, opt-in exercises included
Each check prints PASS or FAIL with its time; the exit code is 1 when any failed.`;
    }
    case 'down':
      return `${head}\nOptions:\n  --volumes   also delete the lab's data (named volumes)`;
    case 'logs':
      return `${head}\nServices: ${Object.keys(m.services).join(', ')}\nOptions:\n  --no-follow   print the last lines and exit`;
    case 'traffic':
      return m.traffic
        ? `${head}\nRuns the "${m.traffic.service}" service: k6 with K6_VUS and K6_DURATION.\nOptions:\n  --vus <n>          virtual users (default: ${m.traffic.vus})\n  --duration <d>     e.g. 30s, 5m (default: ${m.traffic.duration})`
        : `${head}\nThe ${lab.id} lab makes its own traffic; it has no traffic command.`;
    case 'bundle':
      return `${head}\nWrites ${lab.id}-images.tar (or [file]) in the current folder: every image of every variant.\nCopy it to each laptop and run: pnpm lab:${lab.id} load <file>`;
    case 'load':
      return `${head}\nLoads the images saved by \`pnpm lab:${lab.id} bundle\`; then \`pnpm lab:${lab.id}\` starts without a network.`;
    default:
      return head;
  }
}
