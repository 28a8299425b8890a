// "You should see" blocks. The parts that come from the lab files (URL table, check titles) are
// generated, in the runner's own formats (see scripts/src/commands/*.ts); timings vary.
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import labs from '../data/labs.json';
import { useLocale } from './locale';
import { type Choices, inVariant, type Variant } from './variant';

type LabId = keyof typeof labs;

const SEE = { 'zh-TW': '你應該會看到（時間與數字每次不同）：', en: 'You should see (times and counts vary):' };

function Expected({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="expected-output">
      <p>{SEE[useLocale()]}</p>
      {children}
    </div>
  );
}

/** The end of `pnpm lab:<lab>`: the URL table and the ready line. */
export function UpOutput({ lab }: { lab: LabId }): ReactNode {
  const text = `…\n${labs[lab].urlTable}\n\nReady in 41.3s. Next: \`pnpm lab:${lab} verify\`.`;
  return (
    <Expected>
      <CodeBlock language="text">{text}</CodeBlock>
    </Expected>
  );
}

/**
 * `pnpm lab:<lab> verify` (default checks) or `verify --only <id>`: one PASS line per check, of
 * the variant the choices pick (the defaults, or e.g. choices={{ mode: 'distributed' }}).
 */
export function VerifyOutput({ lab, only, choices = {} }: { lab: LabId; only?: string; choices?: Choices }): ReactNode {
  const checks = (labs[lab].checks as Variant<(typeof labs)[LabId]['checks'][number]>[])
    .filter((c) => inVariant(lab, c.when, choices))
    .filter((c) => (only ? only.split(',').includes(c.id) : !c.optIn));
  if (only && checks.length === 0) throw new Error(`VerifyOutput: no check ${only} in ${lab}`);
  const lines = [
    `Verifying ${lab} (${checks.length} checks)`,
    ...checks.flatMap((c) => [`  … ${c.title}`, `  PASS ${c.title} (2.1s)`, '       …']),
    '',
    `${checks.length} passed, 0 failed (38.5s)`,
  ];
  return (
    <Expected>
      <CodeBlock language="text">{lines.join('\n')}</CodeBlock>
    </Expected>
  );
}
