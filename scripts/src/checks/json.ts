// JSON over HTTP for checks: one GET (or POST) with the check's signal, a clear error for a
// non-2xx answer, a body that is not JSON, or a service that does not answer.
import { describeError } from './cause.ts';
import type { CheckContext } from './types.ts';

/**
 * Fetches `url` and parses its JSON body. Throws "<url> answered 503: <body>" for a non-2xx
 * status, "<url>: nothing listens on localhost:3100" when nobody answers.
 */
export async function getJson<T>(ctx: Pick<CheckContext, 'signal'>, url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  let body: string;
  try {
    res = await fetch(url, { ...init, signal: ctx.signal });
    body = await res.text();
  } catch (err) {
    throw new Error(`${url}: ${describeError(err, url)}`);
  }
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200).trim()}`);
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new Error(`${url} answered ${res.status} but not with JSON: ${body.slice(0, 200).trim()}`);
  }
}
