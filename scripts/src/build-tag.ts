// The tag of an image a lab builds follows what it is built from: a hash of the build context
// (the files Docker is sent, .dockerignore honoured) and the service's `build:` as written. The
// tag is committed in the compose file, so plain `docker compose up` and the runner agree: an
// image with that tag is current and is used as it is; a changed app gets a new tag, which is
// not on the machine yet, so it is built once. `pnpm build-tags` writes new tags after a change.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildSpec, imageRepository, labImages } from './lab-images.ts';
import { type Lab, loadLabs } from './labs.ts';

/** A .dockerignore pattern as a regular expression over slash-separated paths (Go filepath.Match, plus `**`). */
function patternRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether Docker leaves `path` out of the context: the last matching line wins (`!` lines bring
 * files back), and a pattern matching a folder matches everything in it.
 */
export function dockerIgnored(path: string, dockerignore: string): boolean {
  let ignored = false;
  for (const raw of dockerignore.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const keep = line.startsWith('!');
    if (keep) line = line.slice(1).trim();
    const re = patternRegex(line.replace(/^\/+/, '').replace(/\/+$/, ''));
    const parts = path.split('/');
    if (parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')))) ignored = !keep;
  }
  return ignored;
}

/** Files of the build context Docker is sent, relative and sorted. */
export function contextFiles(context: string): string[] {
  const ignore = existsSync(join(context, '.dockerignore')) ? readFileSync(join(context, '.dockerignore'), 'utf8') : '';
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(context, path).split('\\').join('/');
      if (dockerIgnored(rel, ignore)) continue;
      if (entry.isDirectory()) walk(path);
      else files.push(rel);
    }
  };
  walk(context);
  return files.sort();
}

const TAG_LENGTH = 12;

/** The content tag of a build: the context's files, the Dockerfile wherever it lives, and `build:` as written. */
export function contentTag(labDir: string, spec: BuildSpec): string {
  const hash = createHash('sha256').update('obslab build tag 1\n');
  const context = join(labDir, spec.context);
  for (const file of contextFiles(context)) {
    const path = join(context, file);
    const content = lstatSync(path).isSymbolicLink() ? `symlink:${readlinkSync(path)}` : readFileSync(path);
    hash.update(`${file}\0`).update(createHash('sha256').update(content).digest('hex')).update('\n');
  }
  if (spec.dockerfile !== undefined) {
    const dockerfile = join(context, spec.dockerfile);
    hash
      .update(`dockerfile ${spec.dockerfile}\0`)
      .update(existsSync(dockerfile) ? readFileSync(dockerfile) : '')
      .update('\n');
  }
  const definition = { inline: spec.dockerfileInline ?? null, args: Object.entries(spec.args).sort(), target: spec.target ?? null };
  hash.update(JSON.stringify(definition));
  return hash.digest('hex').slice(0, TAG_LENGTH);
}

export interface StaleTag {
  lab: string;
  service: string;
  /** The compose file (relative to the lab) and the image as written there. */
  file: string;
  written: string;
  /** What the image must be called. */
  wanted: string;
}

/** Built images whose tag does not follow their content, in every variant of the lab. */
export function staleBuildTags(lab: Lab): StaleTag[] {
  const stale = new Map<string, StaleTag>();
  for (const use of labImages(lab)) {
    if (!use.build) continue;
    const wanted = `${imageRepository(use.build.rawImage)}:${contentTag(lab.dir, use.build)}`;
    if (wanted !== use.build.rawImage)
      stale.set(`${use.build.file} ${use.service}`, {
        lab: lab.id,
        service: use.service,
        file: use.build.file,
        written: use.build.rawImage,
        wanted,
      });
  }
  return [...stale.values()];
}

/** Writes the wanted tags into the compose files; returns what it changed. */
export function writeBuildTags(lab: Lab): StaleTag[] {
  const stale = staleBuildTags(lab);
  for (const s of stale) {
    const path = join(lab.dir, s.file);
    const text = readFileSync(path, 'utf8');
    const line = new RegExp(`(image:\\s*["']?)${s.written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(["']?\\s*$)`, 'm');
    if (!line.test(text)) throw new Error(`${path}: no line \`image: ${s.written}\` to rewrite`);
    writeFileSync(path, text.replace(line, `$1${s.wanted}$2`));
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const changed = loadLabs().flatMap(writeBuildTags);
  for (const c of changed) console.log(`${c.lab}: ${c.file}: ${c.service} ${c.written} -> ${c.wanted}`);
  console.log(changed.length > 0 ? `${changed.length} tag(s) written.` : 'Every built image tag follows its content.');
}
