// Check types every lab can use from lab.yaml without code of its own.
import { z } from 'zod';
import { describeError } from './cause.ts';
import { until } from './retry.ts';
import { type CheckTypes, defineCheck } from './types.ts';

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
    return until(
      ctx,
      async () => {
        let res: Response;
        let body: string;
        try {
          res = await fetch(url, { method: p.method, signal: ctx.signal });
          body = await res.text();
        } catch (err) {
          throw new Error(`${p.method} ${url}: ${describeError(err, url)}`);
        }
        if (res.status !== p.status) throw new Error(`${url} answered ${res.status}, expected ${p.status}: ${body.slice(0, 200).trim()}`);
        if (p.contains !== undefined && !body.includes(p.contains)) {
          throw new Error(`${url} answered without "${p.contains}": ${body.slice(0, 200).trim()}`);
        }
        return `${p.method} ${url} -> ${res.status}`;
      },
      `${p.service} ${p.path}`,
    );
  },
});

export const builtinChecks: CheckTypes = { http };
