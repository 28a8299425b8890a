// "Learn more": the upstream documentation of each service of a lab (src/data/upstream.ts).
import type { ReactNode } from 'react';
import labs from '../data/labs.json';
import { upstreamByService } from '../data/upstream';

export function LearnMore({ lab }: { lab: keyof typeof labs }): ReactNode {
  const seen = new Set<string>();
  const rows = labs[lab].services.flatMap((s) => {
    const u = upstreamByService[s.name];
    if (!u || seen.has(u.url)) return [];
    seen.add(u.url);
    return [{ service: s.name, ...u }];
  });
  return (
    <ul data-testid={`learn-more-${lab}`}>
      {rows.map((r) => (
        <li key={r.url}>
          <code>{r.service}</code>: <a href={r.url}>{r.name}</a>
        </li>
      ))}
    </ul>
  );
}
