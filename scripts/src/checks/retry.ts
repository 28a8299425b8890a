// Live checks wait for a lab that is still settling: retry until an answer or the timeout.
import { describeError } from './cause.ts';
import type { CheckContext } from './types.ts';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Calls `attempt` until it returns a value (undefined means "not yet"), or the check's timeout
 * aborts. A thrown error is shown as progress and, at the timeout, becomes the failure message
 * (with its real cause: "nothing listens on localhost:3100", not "fetch failed").
 */
export async function until<T>(
  ctx: Pick<CheckContext, 'signal' | 'progress'>,
  attempt: () => Promise<T | undefined>,
  what: string,
  everyMs = 1000,
): Promise<T> {
  let last = `no answer yet (${what})`;
  while (!ctx.signal.aborted) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      // The abort of the check's own timeout is not news; the error before it is.
      if (ctx.signal.aborted) break;
      last = describeError(err);
      ctx.progress(last);
    }
    await sleep(everyMs, ctx.signal);
  }
  throw new Error(last);
}
