import { flagValue, positiveNumber } from '../args.ts';
import { staleBuildTags } from '../build-tag.ts';
import { livePorts } from '../containers.ts';
import { type ComposeFailure, classifyComposeError, failureHint } from '../diagnose.ts';
import { compose, composeBackground, ensureDocker, type Streamed } from '../docker.ts';
import { LabError } from '../errors.ts';
import { HealthWatch, type Progress, type ServiceStatus } from '../health.ts';
import { ensureImages } from '../images.ts';
import { expectedServices, labConfig, type ResolvedConfig } from '../lab-config.ts';
import { selectionImages } from '../lab-images.ts';
import type { Lab } from '../labs.ts';
import { lookAtLab } from '../live.ts';
import { type Selection, saveSelection, select } from '../selection.ts';
import { bold, dim, green, red, seconds, stripAnsi, yellow } from '../table.ts';
import { printUrls } from '../urls.ts';
import { runDoctor } from './doctor.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  const timeout = flagValue(args, 'timeout');
  await up(lab, select(lab, args.choices), timeout === undefined ? 300 : positiveNumber('timeout', timeout));
}

const ICON = { ready: green('✔'), done: green('✔'), waiting: yellow('…'), failed: red('✘') } as const;

function line(s: ServiceStatus, watch: HealthWatch): string {
  const after = watch.readyAfter.get(s.service);
  return `  ${ICON[s.phase]} ${s.service.padEnd(24)} ${s.detail}${after === undefined ? '' : dim(` (${seconds(after)})`)}`;
}

/** Shows the wait: on a terminal a block redrawn in place; in a log one line per change. */
function waitDisplay(watch: HealthWatch): (p: Progress, elapsedMs: number) => void {
  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  const shown = new Map<string, string>();
  return (p, elapsedMs) => {
    if (tty) {
      const lines = [dim(`waiting for services (${seconds(elapsedMs)})`), ...p.statuses.map((s) => line(s, watch))];
      if (drawn > 0) process.stdout.write(`\x1b[${drawn}A\x1b[0J`);
      process.stdout.write(`${lines.join('\n')}\n`);
      drawn = lines.length;
      return;
    }
    for (const s of p.statuses) {
      const text = `${s.phase} ${s.detail}`;
      if (shown.get(s.service) === text) continue;
      shown.set(s.service, text);
      console.log(line(s, watch));
    }
  };
}

/** Names what failed, prints each failed service's healthcheck output and last log lines, and throws. */
async function explainFailure(lab: Lab, selection: Selection, failed: ServiceStatus[], composeFailure?: ComposeFailure): Promise<never> {
  for (const s of failed) {
    console.log(bold(`\n${s.service}: ${s.detail}`));
    if (s.probe) console.log(`healthcheck said: ${s.probe.split('\n').slice(-5).join('\n  ')}`);
    const logs = await compose(lab, selection, ['logs', '--no-color', '--no-log-prefix', '--tail', '30', s.service], { check: false });
    // Compose 2.26 starts each log line with an erase-line escape even when not on a terminal.
    const text = stripAnsi(logs.stdout + logs.stderr).trim();
    console.log(text ? `last log lines:\n${text}` : 'no log lines');
  }
  if (composeFailure && failed.length === 0) console.log(`\n${bold('docker compose up said:')} ${composeFailure.message}`);
  const what =
    failed.length > 0
      ? failed.map((s) => `${s.service}: ${s.detail}`).join('; ')
      : `\`docker compose up\` failed: ${composeFailure?.message ?? 'no reason given'}`;
  throw new LabError(
    failed.length > 0 ? `The ${lab.id} lab did not start: ${what}` : what,
    `${failureHint(lab.id, failed, composeFailure)} (\`pnpm lab:${lab.id} down\` stops what did start.)`,
    composeFailure?.cause === 'port' ? 3 : 1,
  );
}

/** Starts the containers and follows them until every service is ready, one fails, or time runs out. */
async function startAndWait(lab: Lab, selection: Selection, config: ResolvedConfig, timeoutS: number): Promise<void> {
  const started = Date.now();
  const watch = new HealthWatch(expectedServices(config), started);
  const show = waitDisplay(watch);
  // --no-build and --pull never: every image is here (ensureImages), so Compose neither builds nor downloads.
  const upRun = composeBackground(lab, selection, ['up', '-d', '--no-build', '--pull', 'never', '--remove-orphans']);
  let upResult: Streamed | undefined;
  void upRun.done.then((r) => {
    upResult = r;
  });
  for (;;) {
    const containers = await lookAtLab(lab, selection);
    const p = watch.observe(containers, Date.now(), upResult !== undefined);
    show(p, Date.now() - started);
    if (upResult && upResult.exitCode !== 0) {
      const failure = classifyComposeError(upResult.output);
      // Compose names the dependency that failed; its own status says how.
      const culprit = failure.container ? containers.find((c) => c.name === failure.container)?.service : undefined;
      const failed = p.failed.length > 0 ? p.failed : p.statuses.filter((s) => s.service === culprit);
      return explainFailure(lab, selection, failed, failure);
    }
    if (p.allReady && upResult) return;
    if (p.failed.length > 0) {
      upRun.kill();
      return explainFailure(lab, selection, p.failed);
    }
    if (Date.now() - started > timeoutS * 1000) {
      upRun.kill();
      return explainFailure(lab, selection, watch.timeOut(p, timeoutS).failed);
    }
    await Promise.race([new Promise((r) => setTimeout(r, 1000)), upRun.done]);
  }
}

export async function up(lab: Lab, selection: Selection, timeoutS: number): Promise<void> {
  const started = Date.now();
  // Fail fast, with one message, when there is no engine to talk to.
  await ensureDocker();
  const config = await labConfig(lab, selection);
  // Ports the lab's own containers hold are no conflict (checkPorts): up is idempotent.
  await runDoctor(lab);
  const choices = Object.entries(selection.choices)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  console.log(bold(`\nStarting ${lab.id}${choices ? ` (${choices})` : ''}`));
  saveSelection(lab, selection);
  for (const s of staleBuildTags(lab)) {
    console.log(
      yellow(
        `${s.service}'s files changed since ${s.file} named ${s.written}: an image already tagged so is of the old files and is used as it is (\`pnpm build-tags\` gives the new files a new tag, built once).`,
      ),
    );
  }
  // Missing images are pulled, and the lab's own built, before Compose starts anything.
  await ensureImages(lab, selection, selectionImages(lab, selection));
  await startAndWait(lab, selection, config, timeoutS);
  console.log('');
  printUrls(lab, livePorts(await lookAtLab(lab, selection)));
  console.log(`\n${green('Ready')} in ${seconds(Date.now() - started)}. Next: \`pnpm lab:${lab.id} verify\`.`);
}
