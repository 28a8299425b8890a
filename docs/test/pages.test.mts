// The course pages: both locales complete, every query in them valid, every fact from the labs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findLab, hostUrl, logqlErrors, promqlErrors, publishedPorts } from '@obslab/runner';
import { labMemory } from '../../scripts/src/resources.ts';
import { labsData } from '../scripts/labs-data.mts';
import { sampleRuns } from '../src/data/sample-runs.ts';
import { upstreamByService } from '../src/data/upstream.ts';
import { additionalLanguages } from '../src/prism.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = {
  'zh-TW': join(root, 'docs'),
  en: join(root, 'i18n/en/docusaurus-plugin-content-docs/current'),
};
const pages = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md') || f.endsWith('.mdx'))
    .sort();

test('every page exists in both locales', () => {
  const zh = pages(LOCALES['zh-TW']);
  assert.deepEqual(pages(LOCALES.en), zh);
  for (const page of [
    'index.mdx',
    'setup.mdx',
    'loki.mdx',
    'jaeger.mdx',
    'exercises-loki.mdx',
    'exercises-jaeger.mdx',
    'troubleshooting.mdx',
    'instructor.mdx',
    'versions.mdx',
  ]) {
    assert.ok(zh.includes(page), page);
  }
});

/** Fenced blocks of one language in a page. */
function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => (m[1] ?? '').trim());
}

test('every LogQL and PromQL block on every page parses with the real grammars', () => {
  let count = 0;
  for (const dir of Object.values(LOCALES)) {
    for (const page of pages(dir)) {
      const text = readFileSync(join(dir, page), 'utf8');
      for (const q of blocks(text, 'logql')) {
        count++;
        assert.deepEqual(logqlErrors(q), [], `${page}: ${q}`);
      }
      for (const q of blocks(text, 'promql')) {
        count++;
        assert.deepEqual(promqlErrors(q), [], `${page}: ${q}`);
      }
    }
  }
  assert.ok(count >= 20, `${count} queries checked`);
});

test('every code block is in a language the site highlights (the bundled Prism languages are dropped)', () => {
  // plugins/prism-languages-loader.cjs leaves Prism with only additionalLanguages and our LogQL;
  // a block in any other language would show as plain text. `text` is plain on purpose.
  const known = new Set([...additionalLanguages, 'logql', 'text']);
  const used = new Map<string, string>();
  for (const dir of Object.values(LOCALES)) {
    for (const page of pages(dir)) {
      for (const m of readFileSync(join(dir, page), 'utf8').matchAll(/^\s*```(\S+)/gm)) used.set(m[1] as string, page);
    }
  }
  const components = join(root, 'src/components');
  for (const file of readdirSync(components)) {
    for (const m of readFileSync(join(components, file), 'utf8').matchAll(/language="([^"]+)"/g)) used.set(m[1] as string, file);
  }
  for (const [language, where] of used)
    assert.ok(known.has(language), `${where}: \`${language}\` is not highlighted; add it to prism.additionalLanguages`);
  assert.ok(used.has('bash') && used.has('logql') && used.has('text'), `languages found: ${[...used.keys()]}`);
});

test('both locales carry the same commands, queries and components', () => {
  for (const page of pages(LOCALES.en)) {
    const [zh, en] = [LOCALES['zh-TW'], LOCALES.en].map((d) => readFileSync(join(d, page), 'utf8'));
    const code = (t: string) =>
      blocks(t, '(?:bash|logql|promql)').map((b) =>
        b.replace(/"[^"]*request_id[^"]*"|把這裡換成 request_id|paste a request_id here/g, '"…"'),
      );
    const components = (t: string) => [...t.matchAll(/<([A-Z]\w+)[^>]*\/>/g)].map((m) => m[0]).sort();
    assert.equal(code(zh!).length, code(en!).length, `${page}: same number of code blocks`);
    assert.deepEqual(components(zh!), components(en!), `${page}: same live tables`);
  }
});

test('page data comes from lab.yaml and compose.yaml: ports, URLs, logins', () => {
  const data = labsData();
  assert.deepEqual(Object.keys(data).sort(), ['jaeger', 'loki']);
  const loki = findLab('loki');
  const grafana = data.loki!.services.find((s) => s.name === 'grafana')!;
  const composePort = publishedPorts(loki.compose).find((p) => p.service === 'grafana')!.published;
  assert.deepEqual(grafana.ports, [{ host: composePort, container: 3000 }]);
  assert.equal(
    data.loki!.urls.find((u) => u.name === 'Grafana')!.url,
    hostUrl(loki, loki.manifest.urls.find((u) => u.name === 'Grafana')!),
  );
  assert.deepEqual(data.loki!.urls.find((u) => u.name === 'MinIO console')!.login, { user: 'loki', password: 'supersecret' });
  // Variant-only services are listed with the flag that adds them.
  assert.equal(data.loki!.services.find((s) => s.name === 'alloy')!.variant, '--alloy');
  assert.equal(data.jaeger!.services.find((s) => s.name === 'zookeeper')!.variant, '--zookeeper');
  assert.ok(data.jaeger!.images.some((i) => i.image.startsWith('confluentinc/cp-kafka:') && i.variant === '--zookeeper'));
});

test('pages never type a host port, in prose or inline code: tables and components read them from compose', () => {
  const ports = new Set(
    Object.values(labsData()).flatMap((l) =>
      l.services.flatMap((s) => s.ports.flatMap((p) => Array.from({ length: (p.last ?? p.host) - p.host + 1 }, (_, i) => p.host + i))),
    ),
  );
  for (const dir of Object.values(LOCALES)) {
    for (const page of pages(dir)) {
      const prose = readFileSync(join(dir, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of prose.matchAll(/localhost:(\d+)/g)) assert.ok(!ports.has(Number(m[1])), `${page} types localhost:${m[1]}`);
      // A bare host port ("both labs use 8080"), not part of a name or address (`kafka:9092`).
      // The instructor page belongs to the offline kit's owner and still types one.
      if (page === 'instructor.mdx') continue;
      for (const m of prose.matchAll(/(?<![\w:./-])(\d{4,5})(?![\w.-])/g))
        assert.ok(!ports.has(Number(m[1])), `${page} types port ${m[1]}`);
    }
  }
});

test('every service has a learn-more link, every image on the versions page its reason from lab.yaml', () => {
  const data = labsData();
  for (const lab of Object.values(data)) {
    for (const s of lab.services) assert.ok(upstreamByService[s.name], `service ${lab.id}/${s.name} has no entry in src/data/upstream.ts`);
    const explained = new Set(lab.pins.flatMap((p) => p.images));
    for (const i of lab.images) assert.ok(explained.has(i.image), `${lab.id}: image ${i.image} has no reason (lab.yaml images)`);
  }
  // The app's base image is pulled too, though no service names it.
  assert.ok(data.loki!.pins.some((p) => p.repository === 'python' && p.why['zh-TW'] && p.why.en));
});

test('every page has a description of its own, and every lab and exercise page a time, outcomes and concept checks', () => {
  for (const [locale, dir] of Object.entries(LOCALES)) {
    for (const page of pages(dir)) {
      const text = readFileSync(join(dir, page), 'utf8');
      const description = /^description: (.+)$/m.exec(text)?.[1];
      assert.ok(description && description.length >= (locale === 'en' ? 40 : 20), `${locale}/${page}: a front-matter description`);
      if (!/^(loki|jaeger|exercises-loki|exercises-jaeger)\.mdx$/.test(page)) continue;
      const info = /:::info\[[^\]]+\]([\s\S]*?)\n:::/.exec(text)?.[1] ?? '';
      assert.match(info, locale === 'en' ? /\*\*Time\*\*/ : /\*\*時間\*\*/, `${locale}/${page}: a time estimate`);
      assert.match(
        info,
        locale === 'en' ? /\*\*When you are done you can\*\*/ : /\*\*學完你能夠\*\*/,
        `${locale}/${page}: learning outcomes`,
      );
      assert.ok((text.match(/<details>/g) ?? []).length >= 3, `${locale}/${page}: concept checks or solutions to open`);
      assert.match(text, /<(UpOutput|VerifyOutput)\b|```text/, `${locale}/${page}: a "you should see" block`);
    }
  }
});

test('"you should see" samples cover exactly the services `up` waits for and the checks `verify` runs', () => {
  for (const lab of Object.values(labsData())) {
    const run = sampleRuns[lab.id as keyof typeof sampleRuns];
    assert.ok(run, `${lab.id}: no entry in src/data/sample-runs.ts`);
    assert.deepEqual(Object.keys(run.ready).sort(), lab.upServices.map((s) => s.name).sort(), `${lab.id}: sample ready times`);
    // An id may name a check per variant (lab.yaml `when`): one sample each.
    assert.deepEqual(Object.keys(run.checks).sort(), [...new Set(lab.checks.map((c) => c.id))].sort(), `${lab.id}: sample check results`);
    // A PASS prints a line under it: from lab.yaml where it fixes it, else from the sample.
    for (const c of lab.checks) assert.ok(c.detail ?? run.checks[c.id]?.detail, `${lab.id}/${c.id}: what its PASS prints`);
    // `up` prints a build line only for a lab that builds its own images.
    assert.equal(
      run.buildSeconds !== undefined,
      lab.services.some((s) => s.built),
      `${lab.id}: sample build time`,
    );
    // Ports never sit in a sample: they come from compose.
    assert.doesNotMatch(JSON.stringify(run), /localhost:\d|127\.0\.0\.1:\d/, `${lab.id}: a sample names a host port`);
  }
});

test('ranges, memory limits and the services `up` waits for come from the compose files', () => {
  const data = labsData();
  const loki = findLab('loki');
  const read = data.loki!.services.find((s) => s.name === 'loki-read')!;
  const range = publishedPorts(loki.compose).find((p) => p.service === 'loki-read')!.publishedRange!;
  assert.deepEqual(read.ports, [{ host: range[0], last: range.at(-1), container: 3100 }]);
  // The default variant's total is what `doctor` adds up; a variant adds and drops services.
  for (const id of ['loki', 'jaeger'] as const) {
    assert.equal(data[id]!.memory[0]!.totalMiB * 1024 ** 2, labMemory(findLab(id).compose), `${id}: total of the limits`);
  }
  const alloy = data.loki!.memory.find((m) => m.variant === '--alloy')!.totalMiB;
  const mibOf = (name: string) => data.loki!.services.find((s) => s.name === name)!.memoryMiB!;
  assert.equal(alloy, data.loki!.memory[0]!.totalMiB - mibOf('promtail') + mibOf('alloy'));
  // Profiles (k6) and other variants' services (alloy) are not waited for; one-shot jobs complete.
  const up = data.loki!.upServices.map((s) => s.name);
  assert.ok(up.includes('promtail') && !up.includes('alloy') && !up.includes('k6'));
  assert.deepEqual(up, [...up].sort());
  assert.equal(data.jaeger!.upServices.find((s) => s.name === 'kafka-init')?.ready, 'completed');
  assert.equal(data.jaeger!.upServices.find((s) => s.name === 'xk6-tracing')?.ready, 'running');
  // What an http check prints when it passes: the URL from lab.yaml and compose.
  assert.equal(
    data.loki!.checks.find((c) => c.id === 'gateway-ready')?.detail,
    `GET ${hostUrl(loki, { service: 'loki-gateway', port: 3100, path: '/' })} -> 200`,
  );
});
