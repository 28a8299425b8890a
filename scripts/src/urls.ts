// lab.yaml's URLs as a person opens them: the host URL and the login with its variables resolved.
// The one place for this: the runner's URL table, the checks, the e2e specs and the docs use it.
import type { LivePorts } from './containers.ts';
import { interpolate, labEnv } from './interpolate.ts';
import { hostUrl, type Lab } from './labs.ts';
import type { UrlEntry } from './manifest.ts';
import { table } from './table.ts';

export interface OpenUrl {
  name: string;
  url: string;
  login?: { user: string; password: string };
}

export interface UrlOptions {
  /** The ports Docker really published (see containers.ts); without them, compose.yaml's. */
  live?: LivePorts;
  /**
   * `'lab'` (default): logins as the lab's `.env` and the shell set them, as Compose reads them.
   * `'defaults'`: the `${VAR:-default}` defaults only, what a fresh checkout uses (the docs).
   */
  logins?: 'lab' | 'defaults';
}

/** One lab.yaml URL entry, resolved. */
export function openUrl(lab: Lab, entry: UrlEntry, { live, logins = 'lab' }: UrlOptions = {}): OpenUrl {
  const vars = logins === 'lab' ? labEnv(lab.dir) : {};
  return {
    name: entry.name,
    url: hostUrl(lab, entry, live),
    ...(entry.login ? { login: { user: interpolate(entry.login.user, vars), password: interpolate(entry.login.password, vars) } } : {}),
  };
}

/** The lab.yaml URL named `name`, resolved; an error naming the lab when there is none. */
export function namedUrl(lab: Lab, name: string, options?: UrlOptions): OpenUrl {
  const entry = lab.manifest.urls.find((u) => u.name === name);
  if (!entry) throw new Error(`${lab.id}/lab.yaml has no URL named "${name}"`);
  return openUrl(lab, entry, options);
}

/** An HTTP Basic `Authorization` value for the login lab.yaml gives a service's URL. */
export function basicAuth(lab: Lab, service: string): string {
  const entry = lab.manifest.urls.find((u) => u.service === service && u.login);
  const login = entry && openUrl(lab, entry).login;
  if (!login) throw new Error(`${lab.id}/lab.yaml has no login for ${service}`);
  return `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`;
}

/** The URL table `up` and `status` print (and the docs show), one row per lab.yaml URL. */
export function urlTable(urls: OpenUrl[]): string {
  return table(
    ['open', 'URL', 'login'],
    urls.map((u) => [u.name, u.url, u.login ? `${u.login.user} / ${u.login.password}` : '']),
  );
}

export function printUrls(lab: Lab, live?: LivePorts): void {
  console.log(urlTable(lab.manifest.urls.map((u) => openUrl(lab, u, { live }))));
}
