// Asks an image's registry, through the OCI distribution API, whether a pinned image still
// exists and which platforms it is published for. Anonymous pulls only: every image of a lab
// must resolve without a login, as it does on a student's laptop.
//
// Sources: image names as Docker normalises them (distribution/distribution v2.8.2,
// reference/normalize.go); the bearer-token flow (same repository, docs/spec/auth/token.md);
// manifests and indexes (opencontainers/distribution-spec v1.1.1 spec.md, opencontainers/image-spec
// v1.1.1 image-index.md and config.md; Docker's manifest list, docs/spec/manifest-v2-2.md).

export interface ImageRef {
  /** The image as written in the compose file or Dockerfile. */
  name: string;
  /** Registry domain after Docker's defaults: `docker.io`, `quay.io`, `localhost:5000`, ... */
  registry: string;
  /** Where the distribution API answers, e.g. `https://registry-1.docker.io`. */
  origin: string;
  /** Repository path, with Docker Hub's `library/` for official images. */
  repository: string;
  /** The tag, or the digest when the image is pinned by one. */
  reference: string;
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Parses an image reference the way Docker does; throws on a name Docker would refuse. */
export function parseImageRef(name: string): ImageRef {
  const at = name.indexOf('@');
  const digest = at === -1 ? undefined : name.slice(at + 1);
  let rest = at === -1 ? name : name.slice(0, at);
  if (digest !== undefined && !DIGEST.test(digest)) throw new Error(`"${name}" has an invalid digest`);

  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // A first component with a dot or a port, or "localhost", is a registry; anything else is Docker Hub.
  const hasDomain = /[.:]/.test(first) || first === 'localhost';
  let registry = hasDomain ? first : 'docker.io';
  rest = hasDomain ? rest.slice(slash + 1) : rest;

  const colon = rest.lastIndexOf(':');
  const tag = colon === -1 ? undefined : rest.slice(colon + 1);
  let repository = colon === -1 ? rest : rest.slice(0, colon);
  if (tag !== undefined && !TAG.test(tag)) throw new Error(`"${name}" has an invalid tag "${tag}"`);

  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!REPOSITORY.test(repository)) throw new Error(`"${name}" is not a valid image name (repository "${repository}")`);

  return { name, registry, origin: apiOrigin(registry), repository, reference: digest ?? tag ?? 'latest' };
}

/** Docker Hub's API lives on registry-1.docker.io; loopback registries speak plain HTTP, as Docker allows them to. */
function apiOrigin(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '');
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return `${loopback ? 'http' : 'https'}://${registry}`;
}

export interface Challenge {
  scheme: string;
  /** Parameter names in lower case (RFC 7235 makes them case-insensitive). */
  params: Record<string, string>;
}

const TOKEN_CHARS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const CHALLENGE_PART = new RegExp(`[\\s,]*(${TOKEN_CHARS})(?:\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|${TOKEN_CHARS}))?`, 'y');

/**
 * Parses a WWW-Authenticate header (RFC 7235): one or more challenges, each a scheme followed by
 * `name=value` or `name="quoted value"` parameters, e.g.
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"`.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  CHALLENGE_PART.lastIndex = 0;
  for (let m = CHALLENGE_PART.exec(header); m !== null; m = CHALLENGE_PART.exec(header)) {
    const [, token = '', value] = m;
    if (value === undefined) {
      challenges.push({ scheme: token.toLowerCase(), params: {} });
      continue;
    }
    const current = challenges.at(-1);
    if (!current) break;
    current.params[token.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return challenges;
}

/** The token request for a Bearer challenge: the realm, with the challenge's service and scope. */
export function tokenUrl(challenge: Challenge, repository: string): string {
  const realm = challenge.params.realm;
  if (!realm) throw new Error('the Bearer challenge names no realm');
  const url = new URL(realm);
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  url.searchParams.set('scope', challenge.params.scope ?? `repository:${repository}:pull`);
  return url.toString();
}

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const INDEX_TYPES: string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList];
const MANIFEST_TYPES: string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];

interface Platform {
  os?: string;
  architecture?: string;
  variant?: string;
}
interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: Platform;
}
interface ManifestBody {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
}

/** `os/architecture[/variant]`. */
export function platformName(p: Platform): string {
  return [p.os ?? '?', p.architecture ?? '?', ...(p.variant ? [p.variant] : [])].join('/');
}

/**
 * The platforms an index or manifest list offers. Entries for os "unknown" are not images to
 * run: BuildKit publishes its provenance and SBOM attestations that way.
 */
export function indexPlatforms(index: ManifestBody): string[] {
  return (index.manifests ?? []).filter((d) => d.platform && d.platform.os !== 'unknown').map((d) => platformName(d.platform as Platform));
}

export type Status = 'OK' | 'MISSING' | 'NO ARM64' | 'NO AMD64' | 'ERROR';

/** OK when both classroom platforms are offered (arm64 in any variant, e.g. linux/arm64/v8). */
export function platformStatus(platforms: string[]): Status {
  const offered = (wanted: string) => platforms.some((p) => p === wanted || p.startsWith(`${wanted}/`));
  if (!offered('linux/arm64')) return 'NO ARM64';
  if (!offered('linux/amd64')) return 'NO AMD64';
  return 'OK';
}

export interface Resolution {
  status: Status;
  /** What was found (the platforms), or why not: shown next to the status. */
  detail: string;
}

/** The registry could not be reached at all (DNS, connection, TLS, timeout): nothing about the image is known. */
export class RegistryUnreachable extends Error {
  constructor(
    readonly origin: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${new URL(origin).host} (${reason})`);
    this.name = 'RegistryUnreachable';
  }
}

/** The reason behind Node's "fetch failed": getaddrinfo ENOTFOUND, ECONNREFUSED, a certificate error, a timeout. */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return e.cause?.message ?? e.cause?.code ?? e.message ?? String(err);
}

/**
 * One registry, anonymous. Redirects are followed by hand so that a token goes only to the host
 * that asked for it: blobs are often served from a storage host, and some registries are
 * reflectors of another (docker.redpanda.com serves Docker Hub's images).
 */
export class RegistryClient {
  /** Bearer tokens by `origin repository`. */
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly origin: string,
    private readonly timeoutMs = 20_000,
  ) {}

  private async request(url: URL, headers: Record<string, string>): Promise<Response> {
    try {
      return await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new RegistryUnreachable(this.origin, networkReason(err, this.timeoutMs));
    }
  }

  /** An anonymous token for a 401's Bearer challenge, or the response to show when there is none. */
  private async authorize(challenged: Response, repository: string): Promise<string | Response> {
    const bearer = parseChallenges(challenged.headers.get('www-authenticate') ?? '').find((c) => c.scheme === 'bearer');
    if (!bearer?.params.realm) return challenged;
    await challenged.body?.cancel();
    const response = await this.request(new URL(tokenUrl(bearer, repository)), {});
    if (!response.ok) return response;
    const body = (await response.json()) as { token?: string; access_token?: string };
    return body.token ?? body.access_token ?? new Response(null, { status: 401 });
  }

  /** GET on the registry API: follows redirects, and answers each host's Bearer challenge once. */
  async get(repository: string, path: string, accept?: string): Promise<Response> {
    let url = new URL(`${this.origin}/v2/${repository}/${path}`);
    for (let hop = 0; hop < 5; hop++) {
      const key = `${url.origin} ${repository}`;
      const headers = (): Record<string, string> => {
        const token = this.tokens.get(key);
        return { ...(accept ? { accept } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      };
      let response = await this.request(url, headers());
      if (response.status === 401 && !this.tokens.has(key)) {
        const token = await this.authorize(response, repository);
        if (typeof token !== 'string') return token;
        this.tokens.set(key, token);
        response = await this.request(url, headers());
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || !location) return response;
      await response.body?.cancel();
      url = new URL(location, url);
    }
    throw new Error(`more than 5 redirects for ${repository}/${path}`);
  }
}

const ACCEPT_MANIFESTS = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');

/** The registry's error codes (distribution-spec "Error Codes"), e.g. MANIFEST_UNKNOWN. */
async function errorCodes(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { code?: string }[] };
    const codes = (body.errors ?? []).map((e) => e.code).filter(Boolean);
    return codes.length > 0 ? codes.join(', ') : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function result(status: Status, detail: string): Resolution {
  return { status, detail };
}

/**
 * Resolves one image: its manifest (an index lists its platforms; a single image's platform is in
 * its config blob). Throws RegistryUnreachable when the registry does not answer at all.
 */
export async function resolveImage(ref: ImageRef, client: RegistryClient): Promise<Resolution> {
  const response = await client.get(ref.repository, `manifests/${ref.reference}`, ACCEPT_MANIFESTS);
  if (response.status === 404) return result('MISSING', `not in ${ref.registry} (${await errorCodes(response)})`);
  if (response.status === 401 || response.status === 403) {
    return result('MISSING', `${ref.registry} refuses an anonymous pull (${await errorCodes(response)}): gone, or private`);
  }
  if (response.status === 429) return result('ERROR', `${ref.registry} is rate-limiting this address (HTTP 429); try again later`);
  if (!response.ok) return result('ERROR', `${ref.registry} answered ${await errorCodes(response)}`);

  const body = (await response.json()) as ManifestBody;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() || body.mediaType || '';
  if (INDEX_TYPES.includes(type)) {
    const platforms = indexPlatforms(body);
    return result(platformStatus(platforms), platforms.join(', ') || 'no platforms listed');
  }
  if (MANIFEST_TYPES.includes(type) && body.config?.digest) {
    const config = await client.get(ref.repository, `blobs/${body.config.digest}`);
    if (!config.ok) return result('ERROR', `config blob ${body.config.digest}: ${await errorCodes(config)}`);
    const platform = platformName((await config.json()) as Platform);
    return result(platformStatus([platform]), `single platform: ${platform}`);
  }
  return result('ERROR', `unexpected manifest type "${type || 'none'}"`);
}
