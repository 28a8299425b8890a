import { compose, engineInfo } from '../docker.ts';
import { LabError } from '../errors.ts';
import { type Progress, parsePs, progress } from '../health.ts';
import type { Lab } from '../labs.ts';
import { type Selection, saveSelection } from '../selection.ts';
import { bold, dim, green, red, seconds, yellow } from '../table.ts';
import { runDoctor } from './doctor.ts';
import { printUrls } from './status.ts';

/** Services that `up` starts for this selection, and whether each has a healthcheck. */
export async function expectedServices(lab: Lab, selection: Selection): Promise<{ name: string; hasHealthcheck: boolean }[]> {
  const out = await compose(lab, selection, ['config', '--format', 'json']);
  const config = JSON.parse(out.stdout) as { services: Record<string, { healthcheck?: { test?: unknown; disable?: boolean } }> };
  return Object.entries(config.services).map(([name, svc]) => ({
    name,
    hasHealthcheck: !!svc.healthcheck?.test && !svc.healthcheck.disable,
  }));
}

export async function runningServices(lab: Lab, selection: Selection): Promise<Set<string>> {
  const out = await compose(lab, selection, ['ps', '--format', 'json'], { check: false });
  return new Set(
    parsePs(out.stdout)
      .filter((c) => c.state === 'running')
      .map((c) => c.service),
  );
}

function render(p: Progress, elapsedMs: number): string[] {
  const icon = { ready: green('✔'), done: green('✔'), waiting: yellow('…'), failed: red('✘') } as const;
  return [
    dim(`waiting for services (${seconds(elapsedMs)})`),
    ...p.statuses.map((s) => `  ${icon[s.phase]} ${s.service.padEnd(24)} ${s.detail}`),
  ];
}

/** Polls `docker compose ps` until every service is healthy (or completed), showing progress. */
export async function waitHealthy(lab: Lab, selection: Selection, timeoutMs: number): Promise<void> {
  const services = await expectedServices(lab, selection);
  const started = Date.now();
  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  let lastText = '';
  for (;;) {
    const out = await compose(lab, selection, ['ps', '--all', '--format', 'json'], { check: false });
    const p = progress(services, parsePs(out.stdout));
    const lines = render(p, Date.now() - started);
    const text = lines.slice(1).join('\n');
    if (tty) {
      if (drawn > 0) process.stdout.write(`\x1b[${drawn}A\x1b[0J`);
      process.stdout.write(`${lines.join('\n')}\n`);
      drawn = lines.length;
    } else if (text !== lastText) {
      console.log(lines.join('\n'));
    }
    lastText = text;
    if (p.allReady) return;
    const timedOut = Date.now() - started > timeoutMs;
    if (p.failed.length > 0 || timedOut) {
      const bad = p.failed.length > 0 ? p.failed : p.statuses.filter((s) => s.phase === 'waiting');
      for (const s of bad) {
        const logs = await compose(lab, selection, ['logs', '--no-color', '--tail', '30', s.service], { check: false });
        console.log(bold(`\nLast log lines of ${s.service} (${s.detail}):`));
        console.log((logs.stdout + logs.stderr).trim() || '(no output)');
      }
      const names = bad.map((s) => `${s.service} (${s.detail})`).join(', ');
      throw new LabError(
        timedOut ? `Not healthy after ${seconds(timeoutMs)}: ${names}` : `Service failed: ${names}`,
        `Look at the log lines above; \`pnpm lab:${lab.id} logs <service>\` follows a service's logs. ` +
          `A slow machine may need \`up --timeout 600\`.`,
        1,
      );
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function up(lab: Lab, selection: Selection, timeoutS: number): Promise<void> {
  const started = Date.now();
  // Fail fast, with one message, when there is no engine to talk to.
  await engineInfo();
  // Ports held by this lab's own running containers are not a conflict (up is idempotent).
  await runDoctor(lab, await runningServices(lab, selection));
  const choices = Object.entries(selection.choices)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  console.log(bold(`\nStarting ${lab.id}${choices ? ` (${choices})` : ''}`));
  saveSelection(lab, selection);
  const upOut = await compose(lab, selection, ['up', '-d', '--build', '--remove-orphans', '--quiet-pull'], {
    check: false,
    timeout: '30m',
  });
  if (upOut.exitCode !== 0) {
    throw new LabError(
      `\`docker compose up\` failed:\n${upOut.stderr.trim().split('\n').slice(-15).join('\n')}`,
      `Run \`pnpm lab:${lab.id} doctor\`; if an image could not be pulled, check the network or load the offline kit (\`load\`).`,
    );
  }
  await waitHealthy(lab, selection, timeoutS * 1000);
  console.log('');
  printUrls(lab);
  console.log(`\n${green('Ready')} in ${seconds(Date.now() - started)}. Next: \`pnpm lab:${lab.id} verify\`.`);
}
