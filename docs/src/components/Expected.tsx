// "You should see" blocks, in the runner's own formats (scripts/src/commands/up.ts and verify.ts).
// Names, titles, URLs and ports come from the lab files (src/data/labs.json); times and results
// of a real run from src/data/sample-runs.ts.
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import labs from '../data/labs.json';
import { sampleRuns } from '../data/sample-runs';
import { sharedPorts } from './LabData';
import { useLocale } from './locale';
import { inVariant, type Variant } from './variant';

type LabId = keyof typeof labs;

const SEE = { 'zh-TW': '你應該會看到（時間與數字每次不同）：', en: 'You should see (times and counts vary):' };

const s = (seconds: number) => `${seconds.toFixed(1)}s`;

/** Frames output a student should see; children is usually one fenced `text` block. */
export function Output({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="expected-output">
      <p>{SEE[useLocale()]}</p>
      {children}
    </div>
  );
}

/**
 * The end of `pnpm lab:<lab>` on a terminal: the service block as last redrawn (each service with
 * the time it became ready), the URL table with the ports Docker published, the ready line.
 */
export function UpOutput({ lab }: { lab: LabId }): ReactNode {
  const run = sampleRuns[lab];
  const services = labs[lab].upServices.map(({ name, ready }) => {
    const after = run.ready[name];
    if (after === undefined) throw new Error(`UpOutput: no sample ready time for ${lab}/${name}`);
    return `  ✔ ${name.padEnd(24)} ${ready} (${s(after)})`;
  });
  const slowest = Math.max(...Object.values(run.ready));
  const choices = labs[lab].options.map((o) => `${o.name}=${o.default}`).join(', ');
  const built = labs[lab].services.filter((s) => 'built' in s && s.built).map((s) => s.name);
  if (built.length > 0 && run.buildSeconds === undefined) throw new Error(`UpOutput: no sample build time for ${lab}`);
  const text = [
    `Preflight for ${lab}`,
    '  ok    docker engine  …',
    '  …',
    '',
    `Starting ${lab}${choices ? ` (${choices})` : ''}`,
    ...(built.length > 0 ? [`Built ${built.join(', ')} in ${s(run.buildSeconds ?? 0)}`] : []),
    `waiting for services (${s(slowest)})`,
    ...services,
    '',
    labs[lab].urlTable,
    '',
    `Ready in ${s(run.upSeconds)}. Next: \`pnpm lab:${lab} verify\`.`,
  ].join('\n');
  return (
    <Output>
      <CodeBlock language="text">{text}</CodeBlock>
    </Output>
  );
}

/** `pnpm lab:<lab> verify` (default checks) or `verify --only <id,...>`, as a terminal shows it at the end. */
export function VerifyOutput({ lab, only }: { lab: LabId; only?: string }): ReactNode {
  // The default variant's checks (an id may have a check per variant: lab.yaml `when`).
  const checks = (labs[lab].checks as Variant<(typeof labs)[LabId]['checks'][number]>[])
    .filter((c) => inVariant(lab, c.when, {}))
    .filter((c) => (only ? only.split(',').includes(c.id) : !c.optIn));
  if (only && checks.length !== only.split(',').length) throw new Error(`VerifyOutput: no check ${only} in ${lab}`);
  const results = checks.map((c) => {
    const r = sampleRuns[lab].checks[c.id];
    if (!r) throw new Error(`VerifyOutput: no sample result for ${lab}/${c.id}`);
    return { ...c, ...r, detail: 'detail' in c && c.detail ? c.detail : r.detail };
  });
  const lines = [
    `Verifying ${lab} (${checks.length} checks)`,
    ...results.flatMap((c) => [`  … ${c.title.en}`, `  PASS ${c.title.en} (${s(c.seconds)})`, ...(c.detail ? [`       ${c.detail}`] : [])]),
    '',
    `${checks.length} passed, 0 failed (${s(results.reduce((sum, c) => sum + c.seconds, 0))})`,
  ];
  return (
    <Output>
      <CodeBlock language="text">{lines.join('\n')}</CodeBlock>
    </Output>
  );
}

/**
 * What `doctor` (and `up`) print when the other lab holds a port this one needs, in the format of
 * scripts/src/commands/doctor.ts and preflight.ts, for the first port both labs publish.
 */
export function PortTakenOutput({ lab }: { lab: LabId }): ReactNode {
  const shared = sharedPorts()[0];
  const mine = shared?.owners.find((o) => o.lab === lab);
  const theirs = shared?.owners.find((o) => o.lab !== lab);
  if (!shared || !mine || !theirs) throw new Error(`PortTakenOutput: ${lab} shares no host port with another lab`);
  const check = `port ${shared.port}`.padEnd(14);
  const container = `${labs[theirs.lab].project}-${theirs.service}-1`;
  const text = [
    `  FAIL  ${check} port ${shared.port} (for ${mine.service}) is already in use by the ${theirs.lab} lab's ${theirs.service} (container ${container})`,
    `        ${''.padEnd(14)} -> Stop the ${theirs.lab} lab first: \`pnpm lab:${theirs.lab} down\`, then try again.`,
  ].join('\n');
  return (
    <Output>
      <CodeBlock language="text">{text}</CodeBlock>
    </Output>
  );
}
