// What really went wrong in a check, in words: Node's fetch reports "fetch failed" and hides the
// reason in `cause` (undici sets code, address and port there), and an abort says "This operation
// was aborted". A student should read "nothing listens on localhost:3100" instead.

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  cause?: unknown;
}

function where(e: ErrorLike, url?: string): string {
  if (url) {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`;
    } catch {
      // not a URL: fall through to the error's own address
    }
  }
  return e.address && e.port ? `${e.address}:${e.port}` : (e.hostname ?? 'the service');
}

const BY_CODE: Record<string, (at: string, e: ErrorLike) => string> = {
  ECONNREFUSED: (at) => `nothing listens on ${at}`,
  ECONNRESET: (at) => `${at} dropped the connection (is the service restarting?)`,
  UND_ERR_SOCKET: (at) => `${at} closed the connection before answering (is the service restarting?)`,
  EPIPE: (at) => `${at} closed the connection while we were sending`,
  ENOTFOUND: (_at, e) => `no such host: ${e.hostname ?? 'unknown'}`,
  EAI_AGAIN: (_at, e) => `cannot resolve ${e.hostname ?? 'the host'} (DNS)`,
  ETIMEDOUT: (at) => `no answer from ${at} (connection timed out)`,
  UND_ERR_CONNECT_TIMEOUT: (at) => `no answer from ${at} (connection timed out)`,
  UND_ERR_HEADERS_TIMEOUT: (at) => `${at} accepted the connection but sent no answer in time`,
  EHOSTUNREACH: (at) => `${at} is unreachable`,
};

/** The most useful sentence about `err`; `url` (what was asked) names the place in network errors. */
export function describeError(err: unknown, url?: string): string {
  if (!err || typeof err !== 'object') return String(err);
  const first = err as ErrorLike;
  if (first.name === 'AbortError' || first.name === 'TimeoutError')
    return `no answer${url ? ` from ${where(first, url)}` : ''} before the timeout`;
  // fetch's own message says nothing; the reason is in its cause chain.
  const chain: ErrorLike[] = [first];
  if (first.message === 'fetch failed' || !first.message) {
    for (let e: unknown = first.cause; e && typeof e === 'object' && chain.length < 5; e = (e as ErrorLike).cause)
      chain.push(e as ErrorLike);
  }
  for (const e of chain) {
    const explain = e.code ? BY_CODE[e.code] : undefined;
    if (explain) return explain(where(e, url), e);
  }
  return (
    chain
      .map((e) => e.message)
      .filter((m) => !!m && m !== 'fetch failed')
      .join(': ') || String(err)
  );
}
