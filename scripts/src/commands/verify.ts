import { flagValue } from '../args.ts';
import { checkTypes, type PreparedCheck, prepareChecks } from '../checks/load.ts';
import type { CheckContext } from '../checks/types.ts';
import { type LivePorts, livePorts } from '../containers.ts';
import { compose } from '../docker.ts';
import { LabError } from '../errors.ts';
import { progress } from '../health.ts';
import { expectedServices, labConfig } from '../lab-config.ts';
import { hostUrl, hostUrls, type Lab } from '../labs.ts';
import { lookAtLab } from '../live.ts';
import { progressLine } from '../progress-line.ts';
import { type Selection, savedSelection } from '../selection.ts';
import { bold, dim, green, red, seconds } from '../table.ts';
import type { CommandInput } from './registry.ts';

export async function run({ lab, args }: CommandInput): Promise<void> {
  await verify(lab, savedSelection(lab), flagValue(args, 'only'), args.flags.all === true);
}

export function chooseChecks(checks: PreparedCheck[], only?: string, all = false): PreparedCheck[] {
  const known = `Checks: ${checks.map((c) => c.entry.id).join(', ')}.`;
  if (only !== undefined) {
    const ids = only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) throw new LabError(`--only needs at least one check id. ${known}`, undefined, 2);
    const unknown = ids.filter((id) => !checks.some((c) => c.entry.id === id));
    if (unknown.length > 0) throw new LabError(`Unknown check: ${unknown.join(', ')}. ${known}`, undefined, 2);
    return checks.filter((c) => ids.includes(c.entry.id));
  }
  return all ? checks : checks.filter((c) => !c.entry.optIn);
}

/**
 * Before any check: is the lab up, every service ready? Answers from one look at the containers
 * (seconds, not the checks' timeouts), naming what is not ready. Returns the published ports.
 */
async function gate(lab: Lab, selection: Selection): Promise<LivePorts> {
  const [config, containers] = await Promise.all([labConfig(lab, selection), lookAtLab(lab, selection)]);
  if (containers.length === 0) {
    throw new LabError(`The ${lab.id} lab is not running, so there is nothing to verify.`, `Start it: \`pnpm lab:${lab.id}\``);
  }
  const notReady = progress(expectedServices(config), containers).statuses.filter((s) => s.phase !== 'ready' && s.phase !== 'done');
  if (notReady.length > 0) {
    throw new LabError(
      `The ${lab.id} lab is not ready: ${notReady.map((s) => `${s.service} (${s.detail})`).join(', ')}.`,
      `\`pnpm lab:${lab.id}\` starts what is missing and waits until every service is healthy; \`pnpm lab:${lab.id} status\` shows each one.`,
    );
  }
  return livePorts(containers);
}

export function checkContext(
  lab: Lab,
  selection: Selection,
  ports: LivePorts,
  signal: AbortSignal,
  progressMessage: (m: string) => void,
): CheckContext {
  return {
    lab,
    url: (service, port, path = '/') => hostUrl(lab, { service, port, path }, ports),
    urls: (service, port, path = '/') => hostUrls(lab, { service, port, path }, ports),
    compose: async (args) => (await compose(lab, selection, args, { timeout: '5m', signal })).stdout,
    signal,
    progress: progressMessage,
  };
}

export interface CheckOutcome {
  id: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export async function runCheck(
  lab: Lab,
  selection: Selection,
  ports: LivePorts,
  check: PreparedCheck,
  progressMessage: (m: string) => void,
): Promise<CheckOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), check.entry.timeout * 1000);
  const started = Date.now();
  try {
    const detail = await check.type.run(checkContext(lab, selection, ports, controller.signal, progressMessage), check.params);
    return { id: check.entry.id, ok: true, ms: Date.now() - started, detail: detail ?? '' };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      id: check.entry.id,
      ok: false,
      ms: Date.now() - started,
      detail: controller.signal.aborted ? `timed out after ${check.entry.timeout}s: ${message}` : message,
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function verify(lab: Lab, selection: Selection, only?: string, all = false): Promise<void> {
  const checks = chooseChecks(prepareChecks(lab, await checkTypes(lab)), only, all);
  const ports = await gate(lab, selection);
  console.log(bold(`Verifying ${lab.id} (${checks.length} checks)`));
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    console.log(dim(`  … ${check.entry.title.en}`));
    const line = progressLine({
      tty: process.stdout.isTTY === true,
      columns: process.stdout.columns,
      write: (text) => process.stdout.write(dim(text)),
      now: Date.now,
      verbose: !!process.env.LAB_VERBOSE,
    });
    const outcome = await runCheck(lab, selection, ports, check, (m) => line.update(m));
    line.done();
    outcomes.push(outcome);
    const mark = outcome.ok ? green('PASS') : red('FAIL');
    console.log(`  ${mark} ${check.entry.title.en} ${dim(`(${seconds(outcome.ms)})`)}`);
    if (outcome.detail) console.log(`       ${outcome.detail.split('\n').join('\n       ')}`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  const total = outcomes.reduce((s, o) => s + o.ms, 0);
  console.log(`\n${outcomes.length - failed.length} passed, ${failed.length} failed ${dim(`(${seconds(total)})`)}`);
  if (failed.length > 0) {
    throw new LabError(
      `${failed.length} check(s) failed: ${failed.map((f) => f.id).join(', ')}`,
      `Run one check again with \`pnpm lab:${lab.id} verify --only <id>\` (LAB_VERBOSE=1 prints every progress line).`,
    );
  }
}
