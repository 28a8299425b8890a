// The offline kit: one folder an instructor copies to each laptop. Per lab, `bundle` writes
//   <lab>-images.tar    every image of every variant (docker save), the built app and its base included
//   <lab>-images.json   what the archive holds: each image's ID, layers, registry digests, size and
//                       platform, and the archive's own size and SHA-256, so `load` and `doctor
//                       --offline` can tell a complete, matching kit from a broken or foreign one
// and `pnpm kit pack` adds the workspace (kit-workspace.ts): pnpm and its store, the built docs
// site and the repository itself, described by kit.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { LabError } from './errors.ts';
import type { ImageFacts } from './images.ts';
import { repoRoot } from './labs.ts';
import { formatIssues } from './manifest.ts';
import { fromUserDir } from './user-path.ts';

/** The kit's folder when none is named: obslab-kit where the command is typed (the repository root, usually). */
export const DEFAULT_KIT = 'obslab-kit';

/** The repository's copy in the kit (a git bundle: `git clone obslab-kit/obslab.bundle obslab`). */
export const REPO_BUNDLE = 'obslab.bundle';

export const KitImage = z.strictObject({
  image: z.string(),
  role: z.enum(['pull', 'build', 'base']),
  /** The image ID on the machine that made the kit. */
  id: z.string(),
  /** Uncompressed layer digests: the same on every engine, whatever its image store. */
  layers: z.array(z.string()),
  /** Registry digests as pulled (none for an image the lab builds); docker load does not keep them. */
  repoDigests: z.array(z.string()),
  /** Bytes, unpacked. */
  size: z.number(),
  /** os/arch, e.g. linux/amd64. */
  platform: z.string(),
  /** Where the lab names it: `compose.yaml: loki-read`, `app/Dockerfile`. */
  usedBy: z.array(z.string()),
});
export type KitImage = z.infer<typeof KitImage>;

export const LabKit = z.strictObject({
  format: z.literal(1),
  lab: z.string(),
  createdAt: z.string(),
  /** The repository's commit when the kit was made (absent outside a git checkout). */
  commit: z.string().optional(),
  archive: z.strictObject({ file: z.string(), bytes: z.number(), sha256: z.string() }),
  images: z.array(KitImage),
});
export type LabKit = z.infer<typeof LabKit>;

export interface LabKitFiles {
  dir: string;
  archive: string;
  manifest: string;
}

/** A lab's two files in a kit folder. */
export function labKitFiles(dir: string, lab: string): LabKitFiles {
  return { dir, archive: join(dir, `${lab}-images.tar`), manifest: join(dir, `${lab}-images.json`) };
}

/** What the user named (a kit folder, or the lab's .tar or .json in one), resolved from where they typed it. */
export function findLabKit(given: string | undefined, lab: string): LabKitFiles {
  const path = fromUserDir(given ?? DEFAULT_KIT);
  const named = /-images\.(tar|json)$/.test(path)
    ? labKitFiles(dirname(path), basename(path).replace(/-images\.(tar|json)$/, ''))
    : undefined;
  if (named && basename(named.archive) !== `${lab}-images.tar`) {
    throw new LabError(`${path} is another lab's archive, not the ${lab} lab's.`, `Give the kit folder, or ${lab}-images.tar in it.`, 2);
  }
  return named ?? labKitFiles(path, lab);
}

export function readLabKit(files: LabKitFiles, lab: string): LabKit {
  if (!existsSync(files.manifest)) {
    const why = existsSync(files.dir) ? `${files.dir} holds no ${basename(files.manifest)}` : `there is no kit at ${files.dir}`;
    throw new LabError(
      `No ${lab} kit: ${why}.`,
      `Give the kit folder your instructor handed out (\`pnpm lab:${lab} load <kit folder>\`), or make one: \`pnpm lab:${lab} bundle\`.`,
      2,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(files.manifest, 'utf8'));
  } catch (err) {
    throw new LabError(`${files.manifest} is not valid JSON (${(err as Error).message}): the copy is damaged.`, 'Copy the kit again.');
  }
  const parsed = LabKit.safeParse(doc);
  if (!parsed.success) {
    throw new LabError(
      `${files.manifest} is not a kit description this runner reads:\n${formatIssues(files.manifest, parsed.error)}`,
      'Make the kit again with this checkout: `pnpm lab:<lab> bundle`.',
    );
  }
  if (parsed.data.lab !== lab) throw new LabError(`${files.manifest} describes the ${parsed.data.lab} lab, not ${lab}.`, undefined, 2);
  return parsed.data;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Why the archive on disk is not the one the manifest describes, or undefined when it is. */
export async function archiveProblem(files: LabKitFiles, kit: LabKit): Promise<string | undefined> {
  if (!existsSync(files.archive)) return `${files.archive} is missing`;
  const bytes = statSync(files.archive).size;
  if (bytes !== kit.archive.bytes)
    return `${basename(files.archive)} has ${bytes} bytes, the kit says ${kit.archive.bytes}: the copy is incomplete`;
  if ((await sha256File(files.archive)) !== kit.archive.sha256)
    return `${basename(files.archive)} does not match its SHA-256: the copy is damaged`;
  return undefined;
}

export type Match = 'same' | 'same-layers' | 'different' | 'missing';

/**
 * Whether this engine holds the image the kit recorded: the same ID, or (an engine with another
 * image store, e.g. Docker Desktop's containerd store, gives other IDs) the same layers.
 */
export function matchImage(recorded: Pick<KitImage, 'id' | 'layers'>, here: ImageFacts | undefined): Match {
  if (!here) return 'missing';
  if (here.id === recorded.id) return 'same';
  return here.layers.length > 0 && here.layers.join() === recorded.layers.join() ? 'same-layers' : 'different';
}

/** Docker's CPU names: `docker info` says x86_64 or aarch64, images say amd64 or arm64. */
export function dockerArch(name: string): string {
  return ({ x86_64: 'amd64', aarch64: 'arm64' } as Record<string, string>)[name] ?? name;
}

/** Images of the kit built for another CPU than this engine's. */
export function foreignPlatforms(kit: LabKit, engineArch: string): KitImage[] {
  const arch = dockerArch(engineArch);
  return kit.images.filter((i) => i.platform.split('/')[1] !== arch);
}

/** The repository's commit, when it is a git checkout and git is installed. */
export function repoCommit(): string | undefined {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Where a lab's commands can be told to find the kit. */
export function kitHint(lab: string): string {
  return `load the offline kit: \`pnpm lab:${lab} load <kit folder>\``;
}
