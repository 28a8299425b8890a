// Writes src/data/labs.json from the labs' lab.yaml and compose files, so every port, URL,
// login, memory limit and image version on the site comes from the one place it is defined.
// Runs before `docusaurus start` and `docusaurus build`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ComposeService,
  hostUrl,
  type Lab,
  type Localized,
  loadLabs,
  type OpenUrl,
  openUrl,
  parsePort,
  pinnedRepositories,
  readComposeFile,
  repoRoot,
  select,
  urlTable,
  variantOf,
} from '@obslab/runner';
// The runner's own reading of compose memory limits (as `doctor` sums them).
import { memoryLimit } from '../../scripts/src/resources.ts';

export interface ServiceRow {
  name: string;
  image: string;
  /** "127.0.0.1:3000 → 3000" style mappings, host first; `last` ends a range (one port per replica). */
  ports: { host: number; last?: number; container: number }[];
  /** Built from a Dockerfile in the lab (`up` builds it, never pulls it). */
  built?: true;
  /** deploy.resources.limits.memory in MiB, as the default variant (or the one that adds it) sets it. */
  memoryMiB?: number;
  description: Localized;
  /** The lab.yaml choice that adds the service, when it is not in compose.yaml itself. */
  variant?: string;
  profile?: string;
}

export interface LabData {
  id: string;
  dir: string;
  /** The Compose project name (compose.yaml `name:`), which prefixes container names. */
  project: string;
  title: Localized;
  summary: Localized;
  services: ServiceRow[];
  /** `when`: the option choices a URL or check belongs to (lab.yaml), e.g. { mode: 'distributed' }. */
  urls: (OpenUrl & { description: Localized; when?: Record<string, string> })[];
  options: {
    name: string;
    default: string;
    choices: { name: string; compose?: string; files: string[]; description: Localized }[];
  }[];
  /** `detail`: what a PASS prints, for the checks whose result is fixed by lab.yaml (URLs). */
  checks: { id: string; title: Localized; optIn: boolean; detail?: string; when?: Record<string, string> }[];
  /** The URL table as the runner prints it after `up` and `status` with the defaults (default logins). */
  urlTable: string;
  /** Every image the lab runs, per service and variant (the versions page). */
  images: { service: string; image: string; variant?: string }[];
  /** Why each image repository is pinned where it is (lab.yaml `images`), with the images it pins. */
  pins: { repository: string; images: string[]; source: string; why: Localized }[];
  /** Sum of the memory limits of what each variant starts (no profiles), in MiB: default first. */
  memory: { variant?: string; totalMiB: number }[];
  /**
   * The services `up` waits for in the default variant, in the order it prints them, with the state
   * it reports once each is ready (scripts/src/health.ts): healthy (a healthcheck passes), running
   * (no healthcheck), completed (a one-shot job without a restart policy that exited 0).
   */
  upServices: { name: string; ready: 'healthy' | 'running' | 'completed' }[];
}

function images(lab: Lab): LabData['images'] {
  const out: LabData['images'] = [];
  // A variant's own base file shares services with compose.yaml (extends): list each image once.
  const listed = (service: string, image: string) => out.some((i) => i.service === service && i.image === image);
  const built = new Set(Object.entries(lab.compose.services).flatMap(([name, svc]) => (svc.build ? [name] : [])));
  for (const [file, variant] of composeFiles(lab)) {
    for (const [service, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) {
      if (!svc.image || listed(service, svc.image) || (svc.build && (!variant || built.has(service)))) continue;
      out.push({ service, image: svc.image, ...(variant ? { variant } : {}) });
    }
  }
  return out;
}

/** compose.yaml, then each option's other base file and extra files with the flag that adds them. */
function composeFiles(lab: Lab): [string, string | undefined][] {
  const files: [string, string | undefined][] = [[lab.manifest.compose, undefined]];
  for (const o of lab.manifest.options) {
    for (const [choice, v] of Object.entries(o.choices)) {
      for (const file of [...(v.compose ? [v.compose] : []), ...v.files]) files.push([file, `--${choice}`]);
    }
  }
  return files;
}

/** Each variant's services as Compose merges its files: a later file's top-level keys win. */
function variants(lab: Lab): { variant?: string; services: Map<string, ComposeService> }[] {
  const merged = (files: string[]) => {
    const out = new Map<string, ComposeService>();
    for (const file of files) {
      for (const [name, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) out.set(name, { ...out.get(name), ...svc });
    }
    return out;
  };
  const defaults = lab.manifest.options.flatMap((o) => o.choices[o.default]?.files ?? []);
  return [
    { services: merged([lab.manifest.compose, ...defaults]) },
    ...lab.manifest.options.flatMap((o) =>
      Object.entries(o.choices)
        .filter(([name]) => name !== o.default)
        .map(([name, c]) => ({ variant: `--${name}`, services: merged([lab.manifest.compose, ...c.files]) })),
    ),
  ];
}

const running = (svc: ComposeService) => !svc.profiles || svc.profiles.length === 0;
const mib = (svc: ComposeService | undefined) => {
  const bytes = svc ? memoryLimit(svc) : undefined;
  return bytes === undefined ? undefined : Math.round(bytes / 1024 ** 2);
};

function services(lab: Lab): ServiceRow[] {
  const rows = new Map<string, ServiceRow>();
  for (const [file, variant] of composeFiles(lab)) {
    for (const [name, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) {
      const existing = rows.get(name);
      const image = svc.image ?? (svc.build ? 'built from app/' : '');
      const ports = (svc.ports ?? [])
        .map((p) => parsePort(name, p))
        .map((p) => ({ host: p.published ?? 0, ...(p.publishedRange ? { last: p.publishedRange.at(-1) } : {}), container: p.target }));
      if (existing) {
        // An override changes a service for its variant: show the variant's image too.
        if (variant && svc.image && svc.image !== existing.image) existing.image = `${existing.image} (${variant}: ${svc.image})`;
        continue;
      }
      rows.set(name, {
        name,
        image,
        ports,
        description: lab.manifest.services[name] ?? { 'zh-TW': '', en: '' },
        ...(svc.build ? { built: true as const } : {}),
        ...(mib(svc) === undefined ? {} : { memoryMiB: mib(svc) }),
        ...(variant ? { variant } : {}),
        ...(svc.profiles?.length ? { profile: svc.profiles.join(', ') } : {}),
      });
    }
  }
  return [...rows.values()];
}

/**
 * The line a PASS prints under the check, where lab.yaml alone fixes it: the built-in `http` check
 * (scripts/src/checks/builtin.ts) and the Jaeger lab's `container-http` (labs/jaeger-kafka/checks).
 */
function passDetail(lab: Lab, c: Lab['manifest']['checks'][number]): { detail?: string } {
  const w = c.with as { service?: string; port?: number; path?: string; method?: string; status?: number; url?: string };
  if (c.type === 'http' && w.service && w.port) {
    const url = hostUrl(lab, { service: w.service, port: w.port, path: w.path ?? '/' });
    return { detail: `${w.method ?? 'GET'} ${url} -> ${w.status ?? 200}` };
  }
  if (c.type === 'container-http' && w.service && w.url) return { detail: `${w.service}: ${w.url} answered` };
  return {};
}

export function labsData(): Record<string, LabData> {
  const data: Record<string, LabData> = {};
  for (const lab of loadLabs()) {
    const m = lab.manifest;
    // Defaults only: a student's own .env may change the logins, which the page says. Each URL's
    // port comes from the compose file of the variant it belongs to.
    const urls = m.urls.map((u) => ({
      ...openUrl(variantOf(lab, select(lab, u.when)), u, { logins: 'defaults' }),
      description: u.description,
      ...(u.when ? { when: u.when } : {}),
    }));
    const defaults = variantOf(lab, select(lab)).manifest.urls.map((u) => u.name);
    data[lab.id] = {
      id: lab.id,
      dir: relative(repoRoot, lab.dir),
      project: lab.compose.name ?? lab.id,
      title: m.title,
      summary: m.summary,
      services: services(lab),
      urls,
      urlTable: urlTable(urls.filter((u) => defaults.includes(u.name))),
      options: m.options.map((o) => ({
        name: o.name,
        default: o.default,
        choices: Object.entries(o.choices).map(([name, v]) => ({
          name,
          ...(v.compose ? { compose: v.compose } : {}),
          files: v.files,
          description: v.description,
        })),
      })),
      checks: m.checks.map((c) => ({
        id: c.id,
        title: c.title,
        optIn: c.optIn,
        ...passDetail(lab, c),
        ...(c.when ? { when: c.when } : {}),
      })),
      images: images(lab),
      // The runner's tests make sure every repository has its pin (scripts/test/real-labs.test.ts).
      pins: pinnedRepositories(lab).flatMap(({ repository, uses, pin }) =>
        pin ? [{ repository, images: [...new Set(uses.map((u) => u.image))], source: pin.source, why: pin.why }] : [],
      ),
      memory: variants(lab).map((v) => ({
        ...(v.variant ? { variant: v.variant } : {}),
        totalMiB: [...v.services.values()].filter(running).reduce((sum, svc) => sum + (mib(svc) ?? 0), 0),
      })),
      // `docker compose config --format json`, which the runner follows, lists services by name.
      upServices: [...(variants(lab)[0]?.services ?? [])]
        .filter(([, svc]) => running(svc))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, svc]) => ({
          name,
          ready: svc.healthcheck?.test && !svc.healthcheck.disable ? 'healthy' : svc.restart ? 'running' : 'completed',
        })),
    };
  }
  return data;
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'labs.json');
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(labsData(), null, 2)}\n`);
  console.log(`labs data: ${out}`);
}
