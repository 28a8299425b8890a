// Check types every lab can use from lab.yaml without code of its own.
import { z } from 'zod';
import { defineCheck, type CheckTypes } from './types.ts';

/** Fetches with the check's abort signal; retries until `until` accepts the response or the signal fires. */
export async function poll<T>(
  signal: AbortSignal,
  attempt: () => Promise<T>,
  opts: { intervalMs?: number; onRetry?: (err: unknown) => void } = {},
): Promise<T> {
  let last: unknown;
  while (!signal.aborted) {
    try {
      return await attempt();
    } catch (err) {
      last = err;
      opts.onRetry?.(err);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.intervalMs ?? 1000);
      signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
  throw last instanceof Error ? last : new Error(String(last ?? 'timed out'));
}

export const http = defineCheck({
  params: z.strictObject({
    service: z.string(),
    port: z.number().int(),
    path: z.string().startsWith('/').default('/'),
    method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
    status: z.number().int().default(200),
    contains: z.string().optional(),
  }),
  async run(ctx, p) {
    const url = ctx.url(p.service, p.port, p.path);
    return poll(
      ctx.signal,
      async () => {
        const res = await fetch(url, { method: p.method, signal: ctx.signal });
        const body = await res.text();
        if (res.status !== p.status) throw new Error(`${url} answered ${res.status}, expected ${p.status}: ${body.slice(0, 200)}`);
        if (p.contains !== undefined && !body.includes(p.contains)) {
          throw new Error(`${url} answered without "${p.contains}": ${body.slice(0, 200)}`);
        }
        return `${p.method} ${url} -> ${res.status}`;
      },
      { onRetry: (err) => ctx.progress((err as Error).message) },
    );
  },
});

export const builtinChecks: CheckTypes = { http };
