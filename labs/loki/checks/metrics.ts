// A Loki target's own /metrics, read straight from the target (no Prometheus scrape delay):
// the checks compare counters before and after they send queries.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Samples of the Prometheus text exposition format (comments and blank lines skipped). */
export function parseMetrics(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const m = LINE.exec(line);
    if (!m || line.startsWith('#')) return [];
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(LABEL)) labels[key as string] = (value as string).replace(/\\(.)/g, '$1');
    return [{ name: m[1] as string, labels, value: Number(m[3]) }];
  });
}

/** The sum of a metric's samples whose labels match (a string is equality, a RegExp a full match). */
export function total(samples: Sample[], name: string, match: Record<string, string | RegExp> = {}): number {
  return samples
    .filter((s) => s.name === name)
    .filter((s) =>
      Object.entries(match).every(([key, want]) => {
        const have = s.labels[key] ?? '';
        return typeof want === 'string' ? have === want : new RegExp(`^(?:${want.source})$`).test(have);
      }),
    )
    .reduce((sum, s) => sum + s.value, 0);
}

export async function scrape(url: string, signal: AbortSignal): Promise<Sample[]> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return parseMetrics(await res.text());
}
