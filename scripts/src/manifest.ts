// The schema of a lab's manifest, labs/<dir>/lab.yaml.
// compose.yaml owns ports and images; lab.yaml owns what a person needs to know
// (titles, URLs, logins, what proves the lab works). Host ports are never written here:
// a URL names a service and its container port, and the host port is read from compose.yaml.
import { z } from 'zod';

const kebab = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case kebab-case (a-z, 0-9, -)');

/** Text a student reads, in both course languages. */
export const Localized = z.strictObject({
  'zh-TW': z.string().min(1),
  en: z.string().min(1),
});
export type Localized = z.infer<typeof Localized>;

/**
 * A login. Values may use Compose-style interpolation, `${VAR:-default}`, so a lab's
 * `.env` overrides them exactly as it overrides compose.yaml.
 */
export const Login = z.strictObject({
  user: z.string().min(1),
  password: z.string().min(1),
});

/**
 * The lab option choices an entry belongs to, e.g. `{ mode: distributed }`: a URL or check of one
 * variant only. Without it, the entry belongs to every variant.
 */
export const When = z.record(kebab, kebab);
export type When = z.infer<typeof When>;

export const UrlEntry = z.strictObject({
  name: z.string().min(1),
  service: kebab,
  /** The container port; the runner maps it to the published host port from compose.yaml. */
  port: z.number().int().min(1).max(65535),
  path: z.string().startsWith('/').default('/'),
  login: Login.optional(),
  description: Localized,
  when: When.optional(),
});
export type UrlEntry = z.infer<typeof UrlEntry>;

/**
 * One way to run the lab: extra compose files and/or profiles on top of the base compose file,
 * or (`compose`) another base file: a lab of another shape (e.g. Loki's distributed mode), whose
 * services the base file's variants must not start. Compose overlays cannot remove services.
 */
export const Variant = z.strictObject({
  compose: z.string().min(1).optional(),
  files: z.array(z.string().min(1)).default([]),
  profiles: z.array(kebab).default([]),
  description: Localized,
});

/** A choice the user makes at `up`, e.g. `--collector alloy` (or the shorthand `--alloy`). */
export const LabOption = z
  .strictObject({
    name: kebab,
    description: z.string().min(1),
    default: kebab,
    choices: z.record(kebab, Variant),
  })
  .refine((o) => o.default in o.choices, {
    message: 'default must be one of the choices',
    path: ['default'],
  });
export type LabOption = z.infer<typeof LabOption>;

/**
 * A live check run by `verify`. `type` names an implementation: a built-in of the runner
 * (see checks/builtin.ts) or one exported by the lab's own checks/index.ts. `with` holds the
 * type's parameters, validated by that implementation's schema.
 */
export const CheckEntry = z.strictObject({
  id: kebab,
  /** What the check proves; the runner prints the English title, the docs both. */
  title: Localized,
  type: kebab,
  /** Seconds the check may take before it fails. */
  timeout: z.number().positive().default(60),
  /** Opt-in checks (slow or disruptive exercises) run only when named: `verify --only <id>` or `verify --all`. */
  optIn: z.boolean().default(false),
  with: z.record(z.string(), z.unknown()).default({}),
  when: When.optional(),
});
export type CheckEntry = z.infer<typeof CheckEntry>;

/** `pnpm lab:<lab> traffic`: a k6 service run once with `K6_VUS` / `K6_DURATION`. */
export const Traffic = z.strictObject({
  service: kebab,
  profiles: z.array(kebab).default([]),
  vus: z.number().int().positive().default(1),
  duration: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'a k6 duration such as 300s or 5m')
    .default('300s'),
});

/**
 * Why an image repository is pinned where it is, kept next to the lab's other facts (the tag itself
 * is in the compose files). Keyed by repository, as Renovate and the registries name it:
 * `nginx`, `grafana/loki`, `quay.io/minio/minio`; Dockerfile base images included.
 */
export const ImagePin = z.strictObject({
  /** Where the pinned version was found: the upstream tag, release notes or file, with its date. */
  source: z.string().min(1),
  why: Localized,
  /**
   * The version line Renovate must not leave, as renovate.json's `allowedVersions` for the
   * repository writes it (e.g. `/^3\./`); scripts/test/renovate.test.ts keeps the two equal.
   */
  hold: z
    .string()
    .regex(/^\/.+\/$/, 'a regular expression between slashes, as renovate.json allowedVersions writes it')
    .optional(),
});
export type ImagePin = z.infer<typeof ImagePin>;

export const Manifest = z
  .strictObject({
    /** The name students type: `pnpm lab:<id>`. */
    id: kebab,
    title: Localized,
    summary: Localized,
    /** The base compose file, relative to the lab folder. */
    compose: z.string().min(1).default('compose.yaml'),
    /** What each compose service is, for the docs' services table. */
    services: z.record(kebab, Localized),
    urls: z.array(UrlEntry).min(1),
    options: z.array(LabOption).default([]),
    traffic: Traffic.optional(),
    checks: z.array(CheckEntry).default([]),
    /** Every image repository the lab's compose files and Dockerfiles pull, with why its pin is the one it is. */
    images: z
      .record(z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, 'an image repository without its tag, e.g. grafana/loki'), ImagePin)
      .default({}),
  })
  .superRefine((m, ctx) => {
    // A `when` must name an option and one of its choices, or the entry would silently never apply.
    const entries = [...m.urls.map((u, i) => ['urls', i, u.when] as const), ...m.checks.map((c, i) => ['checks', i, c.when] as const)];
    for (const [list, i, when] of entries) {
      for (const [name, choice] of Object.entries(when ?? {})) {
        const option = m.options.find((o) => o.name === name);
        if (!option || !(choice in option.choices)) {
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'when', name],
            message: option ? `"${choice}" is not a choice of --${name}` : `no option named "${name}"`,
          });
        }
      }
    }
    // Two options replacing the base file would fight over it.
    const replacing = m.options.filter((o) => Object.values(o.choices).some((c) => c.compose !== undefined));
    if (replacing.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `only one option may replace the base compose file (${replacing.map((o) => o.name).join(', ')} do)`,
      });
    }
  });
export type Manifest = z.infer<typeof Manifest>;

/** Formats zod issues as `lab.yaml: urls[2].port: expected number, received string` lines. */
export function formatIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
      return `${file}: ${where || '(top level)'}: ${issue.message}`;
    })
    .join('\n');
}
