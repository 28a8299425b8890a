// Checks every lab's compose file must pass, shared by the labs' contract tests.
// Each function returns a list of problems (empty = fine) so a test can show all of them at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { DCLinter } from 'dclint';
import { type ComposeFile, publishedPorts } from './compose-file.ts';

const require = createRequire(import.meta.url);

/**
 * The compose model as Compose itself merges `files` (relative to `labDir`), by `docker compose
 * config` (the docker CLI with the Compose v2 plugin; no engine needed). Variables take their
 * defaults (no shell variables, no .env), paths stay relative; the result is Compose's long form
 * (ports and volumes as objects). Every profile is on unless `profiles` names the ones to enable.
 */
export function composeConfig(labDir: string, files: string[], profiles: string[] = ['*']): ComposeFile {
  const args = ['compose', '--project-directory', labDir, ...files.flatMap((f) => ['-f', join(labDir, f)])];
  for (const p of profiles) args.push('--profile', p);
  // Not --no-interpolate: with it Compose 2.26 also ignores profiles.
  args.push('--env-file', '/dev/null', 'config', '--no-path-resolution', '--format', 'json');
  // Only what the docker CLI needs: the user's variables must not change what the files say.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => ['PATH', 'HOME', 'DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT'].includes(k)),
  );
  const r = spawnSync('docker', args, { encoding: 'utf8', env });
  if (r.error || r.status !== 0) {
    throw new Error(
      `\`docker compose config\` failed for ${files.join(' + ')} in ${labDir}: ${r.error?.message ?? r.stderr.trim()}\n` +
        'The contract tests merge compose files with Compose itself: install the docker CLI and its Compose v2 plugin (no engine needed).',
    );
  }
  return JSON.parse(r.stdout) as ComposeFile;
}

/** The Compose specification's JSON schema, as shipped (and kept current) by the dclint package. */
function composeSchema(): object {
  const pkg = dirname(require.resolve('dclint/package.json'));
  return JSON.parse(readFileSync(join(pkg, 'schemas', 'compose.schema.json'), 'utf8')) as object;
}

let validate: ReturnType<Ajv['compile']> | undefined;

export function composeSchemaErrors(doc: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, strict: false, validateSchema: false, logger: false }).compile(composeSchema());
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : '';
    return `${e.instancePath || '/'} ${e.message ?? ''}${extra}`;
  });
}

/** An image is pinned when it has an explicit tag other than latest (or a digest). */
export function unpinnedImages(compose: ComposeFile): string[] {
  return Object.entries(compose.services).flatMap(([name, svc]) => {
    // No image: a built service, or an override that only changes other keys.
    if (svc.image === undefined) return [];
    const image = svc.image;
    if (/@sha256:[a-f0-9]{64}$/.test(image)) return [];
    const lastPart = image.split('/').pop() ?? image;
    const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
    if (tag === undefined || tag === '' || tag === 'latest' || tag.includes('${')) {
      return [`${name}: image "${image}" is not pinned to a version`];
    }
    return [];
  });
}

/** Every published port must bind to loopback, so a lab never exposes itself to the network. */
export function portsNotOnLoopback(compose: ComposeFile): string[] {
  return publishedPorts(compose)
    .filter((p) => p.hostIp !== '127.0.0.1')
    .map((p) => `${p.service}: port ${p.target} is published on ${p.hostIp}, not 127.0.0.1`);
}

/** Host paths of bind mounts (short `./a:/b` and long `{type: bind, source}` forms). */
export function bindMounts(compose: ComposeFile): { service: string; source: string }[] {
  return Object.entries(compose.services).flatMap(([service, svc]) => {
    const volumes = (svc.volumes as unknown[] | undefined) ?? [];
    return volumes.flatMap((v) => {
      if (typeof v === 'string') {
        const source = v.split(':')[0] ?? '';
        return source.startsWith('.') || source.startsWith('/') ? [{ service, source }] : [];
      }
      const long = v as { type?: string; source?: string };
      return long.type === 'bind' && long.source ? [{ service, source: long.source }] : [];
    });
  });
}

/** Bind-mounted files that do not exist (the Docker socket is a host path, not ours to check). */
export function missingBindMounts(labDir: string, compose: ComposeFile): string[] {
  return bindMounts(compose)
    .filter((m) => !m.source.startsWith('/var/run/docker.sock'))
    .filter((m) => !existsSync(isAbsolute(m.source) ? m.source : resolve(labDir, m.source)))
    .map((m) => `${m.service}: ${m.source} does not exist`);
}

/** `depends_on` entries, in the long form, with their conditions. */
export function dependencies(compose: ComposeFile): { service: string; on: string; condition: string | undefined }[] {
  return Object.entries(compose.services).flatMap(([service, svc]) => {
    const deps = svc.depends_on;
    if (Array.isArray(deps)) return deps.map((on: string) => ({ service, on, condition: undefined }));
    if (deps && typeof deps === 'object') {
      return Object.entries(deps as Record<string, { condition?: string }>).map(([on, d]) => ({
        service,
        on,
        condition: d.condition,
      }));
    }
    return [];
  });
}

/** Problems with depends_on: unknown services, or no condition (then Compose only waits for "started"). */
export function dependencyProblems(compose: ComposeFile): string[] {
  return dependencies(compose).flatMap((d) => {
    const target = compose.services[d.on];
    if (!target) return [`${d.service} depends on unknown service ${d.on}`];
    if (!d.condition) return [`${d.service} -> ${d.on}: depends_on has no condition`];
    if (d.condition === 'service_healthy' && !target.healthcheck) {
      return [`${d.service} waits for ${d.on} to be healthy, but ${d.on} has no healthcheck`];
    }
    return [];
  });
}

/**
 * Problems dclint (docker-compose-linter) reports as errors in compose files, e.g. two services
 * publishing the same host port (rule no-duplicate-exported-ports). Its warnings are style
 * preferences (key order, quoting) and are not reported.
 */
export function composeLintErrors(files: string[]): string[] {
  const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  // dclint's bundled .d.ts does not resolve under NodeNext; this is the shape of its LintResult.
  const results = linter.lintFiles(files, false) as {
    filePath: string;
    messages: { type: string; line: number; rule: string; message: string }[];
  }[];
  return results.flatMap((r) => r.messages.filter((m) => m.type === 'error').map((m) => `${r.filePath}:${m.line} ${m.rule}: ${m.message}`));
}
