// Which images a lab can pull: the service images of every variant (all profiles included),
// read from the compose files without Docker, and the base images (FROM) of the services the
// lab builds itself. The weekly upstream check asks each image's registry about this list.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComposeService, readComposeFile } from './compose-file.ts';
import { interpolate } from './interpolate.ts';
import type { Lab } from './labs.ts';
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
