// Which images a lab can pull: the service images of every variant (all profiles included),
// read from the compose files without Docker, and the base images (FROM) of the services the
// lab builds itself. The weekly upstream check asks each image's registry about this list, and
// lab.yaml's `images` says why each one is pinned where it is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComposeService, readComposeFile } from './compose-file.ts';
import { interpolate } from './interpolate.ts';
import type { Lab } from './labs.ts';
import type { ImagePin } from './manifest.ts';
import { allSelections, composeFilesFor, type Selection } from './selection.ts';

export interface ImageUse {
  image: string;
  lab: string;
  /** Where the image is named: `compose.yaml: loki-read`, `app/Dockerfile`. */
  where: string;
}

/**
 * The services of a selection as Compose merges them: later files override a service's keys
 * (enough for `image` and `build`; the runner's parser already dropped `!override`/`!reset`).
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

/** The Dockerfile a `build:` entry names (short form: the context folder; long form: context + dockerfile). */
function dockerfileOf(build: unknown): string {
  if (typeof build === 'string') return join(build, 'Dockerfile');
  const b = build as { context?: string; dockerfile?: string };
  return join(b.context ?? '.', b.dockerfile ?? 'Dockerfile');
}

/**
 * Base images of a Dockerfile: each FROM, with global ARG defaults substituted; `scratch` and
 * earlier build stages (`FROM build AS final`) are not images to pull.
 */
export function dockerfileBases(text: string): string[] {
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
        if (value !== undefined) args[name] = value.replace(/^(['"])(.*)\1$/, '$2');
      }
    }
    if (keyword !== 'FROM') continue;
    seenFrom = true;
    const [image, as, stage] = words.filter((w) => !w.startsWith('--'));
    if (image === undefined) continue;
    const name = interpolate(image, args);
    if (name !== 'scratch' && !stages.has(name.toLowerCase())) bases.push(name);
    if (as?.toUpperCase() === 'AS' && stage) stages.add(stage.toLowerCase());
  }
  return bases;
}

/** The images one selection (a variant of the lab) pulls: service images, or base images of built services. */
export function selectionImages(lab: Lab, selection: Selection): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const [name, { svc, file }] of mergedServices(lab, selection)) {
    if (svc.build !== undefined) {
      const dockerfile = dockerfileOf(svc.build);
      const path = join(lab.dir, dockerfile);
      if (!existsSync(path)) continue; // the contract tests report a missing build context
      for (const image of dockerfileBases(readFileSync(path, 'utf8'))) uses.push({ image, lab: lab.id, where: dockerfile });
    } else if (typeof svc.image === 'string') {
      // The defaults of `${VAR:-default}`: what `up` pulls on a laptop with no .env.
      uses.push({ image: interpolate(svc.image, {}), lab: lab.id, where: `${file}: ${name}` });
    }
  }
  return uses;
}

/** Every image any variant of the lab can pull, each use listed once. */
export function labImages(lab: Lab): ImageUse[] {
  const seen = new Map<string, ImageUse>();
  for (const selection of allSelections(lab)) {
    for (const use of selectionImages(lab, selection)) seen.set(`${use.image} ${use.where}`, use);
  }
  return [...seen.values()].sort((a, b) => a.image.localeCompare(b.image) || a.where.localeCompare(b.where));
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
  for (const use of labImages(lab)) {
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
