// Writes src/data/labs.json from the labs' lab.yaml and compose files, so every port, URL,
// login and image version on the site comes from the one place it is defined. Runs before
// `docusaurus start` and `docusaurus build`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  hostUrl,
  interpolate,
  type Lab,
  type Localized,
  loadLabs,
  parsePort,
  readComposeFile,
  repoRoot,
  select,
  variantOf,
} from '@obslab/runner';
// The runner's own table printer, so the docs show the URL table exactly as `up` prints it.
import { table } from '../../scripts/src/table.ts';

export interface ServiceRow {
  name: string;
  image: string;
  /** "127.0.0.1:3000 → 3000" style mappings, host first. */
  ports: { host: number; container: number }[];
  description: Localized;
  /** The lab.yaml choice that adds the service, when it is not in compose.yaml itself. */
  variant?: string;
  profile?: string;
}

export interface LabData {
  id: string;
  dir: string;
  title: Localized;
  summary: Localized;
  services: ServiceRow[];
  /** `when`: the option choices a URL or check belongs to (lab.yaml), e.g. { mode: 'distributed' }. */
  urls: {
    name: string;
    url: string;
    login?: { user: string; password: string };
    description: Localized;
    when?: Record<string, string>;
  }[];
  options: {
    name: string;
    default: string;
    choices: { name: string; compose?: string; files: string[]; description: Localized }[];
  }[];
  checks: { id: string; title: string; optIn: boolean; when?: Record<string, string> }[];
  /** The URL table as the runner prints it after `up` and `status` with the defaults (default logins). */
  urlTable: string;
  /** Every image the lab runs, per service and variant (the versions page). */
  images: { service: string; image: string; variant?: string }[];
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

function services(lab: Lab): ServiceRow[] {
  const rows = new Map<string, ServiceRow>();
  for (const [file, variant] of composeFiles(lab)) {
    for (const [name, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) {
      const existing = rows.get(name);
      const image = svc.image ?? (svc.build ? 'built from app/' : '');
      const ports = (svc.ports ?? []).map((p) => parsePort(name, p)).map((p) => ({ host: p.published ?? 0, container: p.target }));
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
        ...(variant ? { variant } : {}),
        ...(svc.profiles?.length ? { profile: svc.profiles.join(', ') } : {}),
      });
    }
  }
  return [...rows.values()];
}

export function labsData(): Record<string, LabData> {
  const data: Record<string, LabData> = {};
  for (const lab of loadLabs()) {
    const m = lab.manifest;
    // Each URL's port comes from the compose file of the variant it belongs to.
    const urls = m.urls.map((u) => ({
      name: u.name,
      url: hostUrl(variantOf(lab, select(lab, u.when)), u),
      ...(u.login ? { login: { user: interpolate(u.login.user, {}), password: interpolate(u.login.password, {}) } } : {}),
      description: u.description,
      ...(u.when ? { when: u.when } : {}),
    }));
    const defaults = variantOf(lab, select(lab)).manifest.urls.map((u) => u.name);
    data[lab.id] = {
      id: lab.id,
      dir: relative(repoRoot, lab.dir),
      title: m.title,
      summary: m.summary,
      services: services(lab),
      // Defaults only: a student's own .env may change them, which the page says.
      urls,
      urlTable: table(
        ['open', 'URL', 'login'],
        urls.filter((u) => defaults.includes(u.name)).map((u) => [u.name, u.url, u.login ? `${u.login.user} / ${u.login.password}` : '']),
      ),
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
      checks: m.checks.map((c) => ({ id: c.id, title: c.title, optIn: c.optIn, ...(c.when ? { when: c.when } : {}) })),
      images: images(lab),
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
