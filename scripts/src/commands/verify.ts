import { checkTypes, type PreparedCheck, prepareChecks } from '../checks/load.ts';
import type { CheckContext } from '../checks/types.ts';
import { compose } from '../docker.ts';
import { LabError } from '../errors.ts';
import { interpolate, labEnv } from '../interpolate.ts';
import { hostUrl, type Lab } from '../labs.ts';
import type { Selection } from '../selection.ts';
import { bold, dim, green, red, seconds } from '../table.ts';

export function chooseChecks(checks: PreparedCheck[], only?: string, all = false): PreparedCheck[] {
  if (only !== undefined) {
    const ids = only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = ids.filter((id) => !checks.some((c) => c.entry.id === id));
    if (unknown.length > 0) {
      throw new LabError(`Unknown check: ${unknown.join(', ')}. Checks: ${checks.map((c) => c.entry.id).join(', ')}.`, undefined, 2);
    }
    return checks.filter((c) => ids.includes(c.entry.id));
  }
  return all ? checks : checks.filter((c) => !c.entry.optIn);
}

export function checkContext(lab: Lab, selection: Selection, signal: AbortSignal, progress: (m: string) => void): CheckContext {
  const vars = labEnv(lab.dir);
  return {
    lab,
    url: (service, port, path = '/') => hostUrl(lab, { service, port, path }),
    compose: async (args) => (await compose(lab, selection, args, { timeout: '5m' })).stdout,
    interpolate: (text) => interpolate(text, vars),
    signal,
    progress,
  };
}

export interface CheckOutcome {
  id: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export async function runCheck(lab: Lab, selection: Selection, check: PreparedCheck, progress: (m: string) => void): Promise<CheckOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), check.entry.timeout * 1000);
  const started = Date.now();
  try {
    const detail = await check.type.run(checkContext(lab, selection, controller.signal, progress), check.params);
    return { id: check.entry.id, ok: true, ms: Date.now() - started, detail: detail ?? '' };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const timedOut = controller.signal.aborted;
    return {
      id: check.entry.id,
      ok: false,
      ms: Date.now() - started,
      detail: timedOut ? `timed out after ${check.entry.timeout}s: ${message}` : message,
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function verify(lab: Lab, selection: Selection, only?: string, all = false): Promise<void> {
  const checks = chooseChecks(prepareChecks(lab, await checkTypes(lab)), only, all);
  console.log(bold(`Verifying ${lab.id} (${checks.length} checks)`));
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    console.log(dim(`  … ${check.entry.title}`));
    let lastNote = '';
    const outcome = await runCheck(lab, selection, check, (m) => {
      if (m !== lastNote && process.env.LAB_VERBOSE) console.log(dim(`      ${m}`));
      lastNote = m;
    });
    outcomes.push(outcome);
    const mark = outcome.ok ? green('PASS') : red('FAIL');
    console.log(`  ${mark} ${check.entry.title} ${dim(`(${seconds(outcome.ms)})`)}`);
    if (outcome.detail) console.log(`       ${outcome.detail.split('\n').join('\n       ')}`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  const total = outcomes.reduce((s, o) => s + o.ms, 0);
  console.log(`\n${outcomes.length - failed.length} passed, ${failed.length} failed ${dim(`(${seconds(total)})`)}`);
  if (failed.length > 0) {
    throw new LabError(
      `${failed.length} check(s) failed: ${failed.map((f) => f.id).join(', ')}`,
      `Is the lab up and healthy? \`pnpm lab:${lab.id} status\`. Run one check again with \`verify --only <id>\` (LAB_VERBOSE=1 shows its progress).`,
    );
  }
}
