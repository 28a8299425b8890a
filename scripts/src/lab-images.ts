// Which images a lab needs, read from its compose files without Docker: the one list that up,
// pull, bundle, load, doctor and the weekly upstream check all use. An image has one of three roles:
//   pull   a service's image, downloaded from its registry;
//   build  a service's image built from a Dockerfile in the lab (no registry holds it);
//   base   an image such a build starts FROM (needed to build it, and kept in the offline kit).
// Variables resolve as Compose resolves them: the shell's environment, then the lab's .env.
// lab.yaml's `images` says why each pulled image is pinned where it is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComposeService, readComposeFile } from './compose-file.ts';
import { interpolate, labEnv } from './interpolate.ts';
import type { Lab } from './labs.ts';
import type { ImagePin } from './manifest.ts';
import { composeFilesFor, everyVariant, type Selection } from './selection.ts';

export type ImageRole = 'pull' | 'build' | 'base';

/** A service's `build:` as written (variables unresolved): what its image's content tag follows. */
export interface BuildSpec {
  /** The build context, relative to the lab folder. */
  context: string;
  /** The Dockerfile, relative to the context (absent with dockerfile_inline). */
  dockerfile?: string;
  dockerfileInline?: string;
  args: Record<string, string>;
  target?: string;
  /** The compose file that defines the service's image, and the image as written there. */
  file: string;
  rawImage: string;
}

export interface ImageUse {
  image: string;
  lab: string;
  role: ImageRole;
  /** The service that runs the image (for a base: the service whose build starts from it). */
  service: string;
  /** Where the image is named: `compose.yaml: loki-read`, `app/Dockerfile`. */
  where: string;
  /** For role build: how the lab builds it. */
  build?: BuildSpec;
}

type Vars = Record<string, string | undefined>;

/**
 * The services of a selection as Compose merges them: later files override a service's keys
 * (enough for `image`, `build` and `profiles`; the runner's parser already dropped `!override`/`!reset`).
 */
function mergedServices(lab: Lab, selection: Selection): Map<string, { svc: ComposeService; file: string }> {
  const services = new Map<string, { svc: ComposeService; file: string }>();
  for (const file of composeFilesFor(lab, selection)) {
    for (const [name, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) {
      const before = services.get(name);
      const definesImage = svc.image !== undefined || svc.build !== undefined;
      services.set(name, { svc: { ...before?.svc, ...svc }, file: definesImage || !before ? file : before.file });
    }
  }
  return services;
}

/** Compose's `args` as a map or a `KEY=value` list. */
function buildArgs(args: unknown): Record<string, string> {
  if (Array.isArray(args)) return Object.fromEntries(args.map((a) => String(a).split(/=(.*)/s).slice(0, 2) as [string, string]));
  if (args && typeof args === 'object') return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v ?? '')]));
  return {};
}

/** Both forms of `build:`: the context folder alone, or the long form. */
export function buildSpec(build: unknown, file: string, rawImage: string): BuildSpec {
  if (typeof build === 'string') return { context: build, dockerfile: 'Dockerfile', args: {}, file, rawImage };
  const b = build as { context?: string; dockerfile?: string; dockerfile_inline?: string; args?: unknown; target?: string };
  return {
    context: b.context ?? '.',
    ...(b.dockerfile_inline === undefined ? { dockerfile: b.dockerfile ?? 'Dockerfile' } : { dockerfileInline: b.dockerfile_inline }),
    args: buildArgs(b.args),
    ...(b.target === undefined ? {} : { target: b.target }),
    file,
    rawImage,
  };
}

/**
 * Base images of a Dockerfile: each FROM, with global ARGs filled in (a build arg wins over the
 * ARG's default, as in `docker build`); `scratch` and earlier build stages are not images to pull.
 */
export function dockerfileBases(text: string, given: Record<string, string> = {}): string[] {
  const args: Record<string, string> = {};
  const stages = new Set<string>();
  const bases: string[] = [];
  let seenFrom = false;
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const [instruction = '', ...words] = raw.trim().split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === 'ARG' && !seenFrom) {
      for (const w of words) {
        const [name = '', value] = w.split(/=(.*)/s);
        const fallback = value?.replace(/^(['"])(.*)\1$/, '$2');
        const chosen = given[name] ?? fallback;
        if (chosen !== undefined) args[name] = chosen;
      }
    }
    if (keyword !== 'FROM') continue;
    seenFrom = true;
    const [image, as, stage] = words.filter((w) => !w.startsWith('--'));
    if (image === undefined) continue;
    const name = interpolate(image, args);
    if (name !== '' && name !== 'scratch' && !stages.has(name.toLowerCase())) bases.push(name);
    if (as?.toUpperCase() === 'AS' && stage) stages.add(stage.toLowerCase());
  }
  return bases;
}

/** The Dockerfile a build reads (variables resolved), or undefined when its file is missing (the contract tests say so). */
function dockerfileText(lab: Lab, spec: BuildSpec, vars: Vars): { text: string; where: string } | undefined {
  if (spec.dockerfileInline !== undefined)
    return { text: interpolate(spec.dockerfileInline, vars), where: `${spec.file}: dockerfile_inline` };
  const where = join(interpolate(spec.context, vars), spec.dockerfile ?? 'Dockerfile');
  const path = join(lab.dir, where);
  return existsSync(path) ? { text: readFileSync(path, 'utf8'), where } : undefined;
}

/** A service runs in a selection when it has no profile or one of its profiles is on. */
function active(svc: ComposeService, selection: Selection): boolean {
  return !svc.profiles || svc.profiles.length === 0 || svc.profiles.some((p) => selection.profiles.includes(p));
}

/** The images one selection (a variant with its profiles) needs: service images, and for built ones their bases too. */
export function selectionImages(lab: Lab, selection: Selection, vars: Vars = labEnv(lab.dir)): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const [service, { svc, file }] of mergedServices(lab, selection)) {
    if (!active(svc, selection)) continue;
    const where = `${file}: ${service}`;
    if (svc.build === undefined) {
      if (typeof svc.image === 'string') uses.push({ image: interpolate(svc.image, vars), lab: lab.id, role: 'pull', service, where });
      continue;
    }
    // Compose names a built image without `image:` <project>-<service>.
    const rawImage = svc.image ?? `${String(readComposeFile(join(lab.dir, lab.manifest.compose)).name ?? lab.id)}-${service}`;
    const spec = buildSpec(svc.build, file, rawImage);
    uses.push({ image: interpolate(rawImage, vars), lab: lab.id, role: 'build', service, where, build: spec });
    const dockerfile = dockerfileText(lab, spec, vars);
    if (!dockerfile) continue;
    const args = Object.fromEntries(Object.entries(spec.args).map(([k, v]) => [k, interpolate(v, vars)]));
    for (const image of dockerfileBases(dockerfile.text, args))
      uses.push({ image, lab: lab.id, role: 'base', service, where: dockerfile.where });
  }
  return uses;
}

/** Every image any variant of the lab can need, every profile included; each use listed once. */
export function labImages(lab: Lab, vars: Vars = labEnv(lab.dir)): ImageUse[] {
  const seen = new Map<string, ImageUse>();
  for (const selection of everyVariant(lab)) {
    for (const use of selectionImages(lab, selection, vars)) seen.set(`${use.image} ${use.where}`, use);
  }
  return [...seen.values()].sort((a, b) => a.image.localeCompare(b.image) || a.where.localeCompare(b.where));
}

export interface NeededImage {
  image: string;
  /** build wins over pull and base: an image the lab builds is never pulled. */
  role: ImageRole;
  uses: ImageUse[];
}

/** The uses grouped by image, sorted by name. */
export function byImage(uses: ImageUse[]): NeededImage[] {
  const rank: Record<ImageRole, number> = { build: 0, pull: 1, base: 2 };
  const groups = new Map<string, ImageUse[]>();
  for (const u of uses) groups.set(u.image, [...(groups.get(u.image) ?? []), u]);
  return [...groups]
    .map(([image, list]) => ({ image, role: list.map((u) => u.role).sort((a, b) => rank[a] - rank[b])[0] as ImageRole, uses: list }))
    .sort((a, b) => a.image.localeCompare(b.image));
}

/** `quay.io/minio/minio:RELEASE...` -> `quay.io/minio/minio` (Renovate's depName); a registry port is not a tag. */
export function imageRepository(image: string): string {
  return image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}

/** The tag of an image name (`1.30.4-alpine`), or undefined. */
export function imageTag(image: string): string | undefined {
  return /:([^/:@]+)(@|$)/.exec(image)?.[1];
}

export interface PinnedRepository {
  /** `grafana/loki`, `nginx`, `quay.io/minio/minio`. */
  repository: string;
  /** The lab's images of this repository (a tag each) and where each is named. */
  uses: ImageUse[];
  /** Why, from lab.yaml; undefined when lab.yaml does not say. */
  pin?: ImagePin;
}

/** Every image repository the lab pulls, with its uses and lab.yaml's reason, in lab.yaml's order (unexplained ones last). */
export function pinnedRepositories(lab: Lab): PinnedRepository[] {
  const byRepository = new Map<string, ImageUse[]>();
  // What a laptop with no .env pulls; the lab's own built images are in no registry.
  for (const use of labImages(lab, {}).filter((u) => u.role !== 'build')) {
    const repository = imageRepository(use.image);
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), use]);
  }
  const order = Object.keys(lab.manifest.images);
  const rank = (r: string) => (order.includes(r) ? order.indexOf(r) : order.length);
  return [...byRepository]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([repository, uses]) => ({ repository, uses, pin: lab.manifest.images[repository] }));
}

/** The version a tag pins: `v3.5.5` and `3.5.5-alpine` pin 3.5.5; a tag without a dotted version is its own. */
function versionOf(tag: string): string {
  return /^v?(\d+(?:\.\d+)+)/.exec(tag)?.[1] ?? tag;
}

/**
 * Where lab.yaml's `images` and the lab's images disagree: an image without a reason, a reason for
 * an image no longer used, a source that does not name the pinned version (so a moved pin cannot
 * keep an old reason), a pin outside the line lab.yaml holds.
 */
export function pinProblems(lab: Lab): string[] {
  const file = `${lab.id}/lab.yaml`;
  const used = pinnedRepositories(lab);
  const problems: string[] = [];
  for (const { repository, uses, pin } of used) {
    const where = uses.map((u) => `${u.where} (${u.image})`).join(', ');
    if (!pin) {
      problems.push(
        `${file}: images has no entry for ${repository}, used by ${where}: say why it is pinned there and where that version was found`,
      );
      continue;
    }
    for (const use of uses) {
      const tag = imageTag(use.image) ?? '';
      const version = versionOf(tag);
      if (!pin.source.includes(version)) {
        problems.push(
          `${file}: images.${repository}.source does not name ${version}, the version ${use.where} pins: say where it was found`,
        );
      }
      if (pin.hold && !new RegExp(pin.hold.slice(1, -1)).test(tag)) {
        problems.push(`${use.where} pins ${use.image}, outside the line ${file} holds for ${repository} (${pin.hold})`);
      }
    }
  }
  for (const repository of Object.keys(lab.manifest.images)) {
    if (!used.some((u) => u.repository === repository)) {
      problems.push(`${file}: images names ${repository}, which no compose file or Dockerfile of the lab uses any more: remove the entry`);
    }
  }
  return [...new Set(problems)];
}
