// Every command on every page, in both locales, works from the folder the page leaves the
// student in (docs/test/commands.mts does the reading and checking).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@obslab/runner';
import { checkPage, HOME, pageSteps, splitShell } from './commands.mts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = {
  'zh-TW': join(root, 'docs'),
  en: join(root, 'i18n/en/docusaurus-plugin-content-docs/current'),
};
/** The setup page starts before the clone; every other page starts at the repository root. */
const startOf = (page: string) => (page === 'setup.mdx' ? HOME : repoRoot);

for (const [locale, dir] of Object.entries(LOCALES)) {
  test(`${locale}: every command resolves where the page leaves the student, and each page ends at the repository root`, () => {
    let total = 0;
    const problems: string[] = [];
    for (const page of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const result = checkPage(page, readFileSync(join(dir, page), 'utf8'), startOf(page));
      total += result.commands;
      for (const p of result.problems) problems.push(`${page}:${p.line} \`${p.command}\`: ${p.error}`);
      if (result.end !== repoRoot) problems.push(`${page} ends in ${result.end}, not at the repository root`);
    }
    assert.deepEqual(problems, []);
    assert.ok(total >= 60, `${total} commands checked`);
  });
}

// The checker itself: each rule catches what it is there to catch.
const page = (body: string) => checkPage('t.mdx', body, repoRoot);
const errors = (body: string) => page(body).problems.map((p) => p.error);

test('a cd that leaves the root breaks the root scripts after it, until the page goes back', () => {
  assert.match(errors('```bash\ncd labs/loki\npnpm docs\n```')[0] ?? '', /no script "docs"/);
  // The runner's own scripts also exist in each lab folder.
  assert.deepEqual(errors('```bash\ncd labs/loki\npnpm lab:loki verify\ncd ../..\n```'), []);
  assert.deepEqual(errors('```bash\ncd labs/loki\ndocker compose ps\ncd ../..\npnpm lab:loki verify\n```'), []);
  assert.deepEqual(errors('```bash\n(cd labs/loki && docker compose ps)\npnpm lab:loki status\n```'), []);
  assert.match(errors('```bash\ncd labs/nope\n```')[0] ?? '', /no such folder/);
  assert.equal(page('```bash\ncd labs/loki\n```').end, join(repoRoot, 'labs/loki'));
});

test("runner commands and options are checked by the runner's own parser and the lab's lists", () => {
  assert.deepEqual(errors('```bash\npnpm lab:loki up --collector alloy\npnpm lab:loki verify --only read-scaled\n```'), []);
  assert.match(errors('`pnpm lab:loki verfy`')[0] ?? '', /runner rejects it: Unknown command "verfy"/);
  assert.match(errors('`pnpm lab:loki up --collector fluentd`')[0] ?? '', /must be one of/);
  assert.match(errors('`pnpm lab:loki verify --only no-such-check`')[0] ?? '', /no check "no-such-check"/);
  assert.match(errors('`pnpm lab:loki logs grafanna`')[0] ?? '', /no service "grafanna"/);
  assert.match(errors('`pnpm lab nope status`')[0] ?? '', /Unknown lab "nope"/);
  assert.match(errors('`pnpm lab:jaeger load other.tar`')[0] ?? '', /not what `pnpm lab:jaeger bundle` makes/);
  assert.deepEqual(errors('`pnpm lab:jaeger load jaeger-images.tar`'), []);
  assert.deepEqual(errors('`pnpm lab:<lab> doctor`'), []);
});

test('plain compose must name the files of the variant the page runs, and services that exist', () => {
  const alloyUp = '```bash\npnpm lab:loki up --collector alloy\n';
  assert.match(
    errors(`${alloyUp}docker compose -f labs/loki/compose.yaml up -d --scale loki-read=3\n\`\`\``)[0] ?? '',
    /would change the running variant: use labs\/loki\/compose.yaml, labs\/loki\/compose.alloy.yaml/,
  );
  assert.deepEqual(
    errors(`${alloyUp}docker compose -f labs/loki/compose.yaml -f labs/loki/compose.alloy.yaml up -d --scale loki-read=3\n\`\`\``),
    [],
  );
  // A tab whose value is a choice stands for that variant.
  assert.deepEqual(
    errors(
      '<TabItem value="zookeeper">\n```bash\ndocker compose -f labs/jaeger-kafka/compose.yaml -f labs/jaeger-kafka/compose.zookeeper.yaml up -d\n```\n</TabItem>',
    ),
    [],
  );
  assert.match(errors('```bash\ndocker compose stop jaeger-ingester\n```')[0] ?? '', /no compose.yaml/);
  assert.match(errors('```bash\ndocker compose -f labs/jaeger-kafka/compose.yaml stop ingester\n```')[0] ?? '', /no service "ingester"/);
  assert.match(
    errors('```bash\ndocker compose -f labs/loki/compose.yaml -f labs/loki/compose.alloy.yaml restart promtail\n```')[0] ?? '',
    /behind profile/,
  );
  assert.match(errors('```bash\ndocker compose -f labs/loki/compose.yml ps\n```')[0] ?? '', /does not exist/);
});

test('setup starts outside the repository: nothing works before the clone, everything after it', () => {
  const before = checkPage('setup.mdx', '```bash\npnpm install\n```', HOME);
  assert.match(before.problems[0]?.error ?? '', /no package.json/);
  const after = checkPage('setup.mdx', '<CloneCommand />\n\n```bash\npnpm install\npnpm lab:loki doctor\n```', HOME);
  assert.deepEqual(after.problems, []);
  assert.equal(after.end, repoRoot);
  assert.match(errors('```bash\ngit clone https://example.com/other.git\n```')[0] ?? '', /the repository is/);
});

test('commands are read from shell blocks and inline code, never from output or query blocks', () => {
  const steps = pageSteps(
    '```bash\npnpm lab:loki \\\n  traffic # comment\n```\n\n```text\npnpm not-a-command\n```\n\nRun `pnpm lab:loki status` or see `{service="app"}`.\n\n```logql\n{job="docker"}\n```',
  );
  assert.deepEqual(
    steps.map((s) => s.text),
    ['pnpm lab:loki traffic # comment', 'pnpm lab:loki status'],
  );
  assert.deepEqual(splitShell('pnpm lab:loki traffic --vus 3 & docker compose restart loki-write # why'), [
    ['pnpm', 'lab:loki', 'traffic', '--vus', '3'],
    ['docker', 'compose', 'restart', 'loki-write'],
  ]);
  assert.match(errors('```bash\nkubectl get pods\n```')[0] ?? '', /unknown program "kubectl"/);
});
