// Data-flow diagrams as static, inline SVG: real text (selectable, searchable, read by screen
// readers), no runtime layout engine, and drawn narrow enough (340 units) that text stays
// 12 px or more from a 390 px phone to a desktop. A diagram is rows of boxes on a 6-column grid
// and arrows between them; the layout below turns that into coordinates.
import type { ReactNode } from 'react';

export type Tone = 'write' | 'read' | 'side';

export interface DiagramNode {
  id: string;
  /** First and last grid column (0..6) the box spans. */
  cols: [number, number];
  title: string;
  /** Smaller lines under the title. */
  lines?: string[];
  /** Components drawn as chips inside the box (e.g. distributor, ingester). */
  parts?: string[];
  /** Storage is drawn with a heavier border. */
  store?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  tone?: Tone;
  dashed?: boolean;
}

export interface DiagramSpec {
  /** Unique on the page: prefixes the ids of markers, title and description. */
  id: string;
  title: string;
  caption: string;
  rows: DiagramNode[][];
  edges: DiagramEdge[];
}

const W = 340;
const COL = W / 6;
const PAD = 4;
const GAP = 44;
const TITLE = 15;
const LINE = 13;
const CHIP = 26;

interface Placed extends DiagramNode {
  x: number;
  y: number;
  w: number;
  h: number;
  row: number;
}

function nodeHeight(n: DiagramNode): number {
  return 14 + TITLE + (n.lines?.length ?? 0) * (LINE + 4) + (n.parts?.length ? CHIP + 8 : 0) + 6;
}

function layout(spec: DiagramSpec): { nodes: Map<string, Placed>; height: number } {
  const nodes = new Map<string, Placed>();
  let y = PAD;
  spec.rows.forEach((row, r) => {
    const h = Math.max(...row.map(nodeHeight));
    for (const n of row) {
      const x = n.cols[0] * COL + PAD;
      nodes.set(n.id, { ...n, x, y, w: (n.cols[1] - n.cols[0]) * COL - 2 * PAD, h, row: r });
    }
    y += h + GAP;
  });
  return { nodes, height: y - GAP + PAD };
}

/** Start and end points: straight down where two boxes overlap in x, side to side in one row. */
function endpoints(a: Placed, b: Placed): [number, number, number, number] {
  if (a.row === b.row) {
    const leftToRight = a.x < b.x;
    const y = a.y + a.h / 2;
    return leftToRight ? [a.x + a.w, y, b.x, y] : [a.x, y, b.x + b.w, y];
  }
  const lo = Math.max(a.x, b.x);
  const hi = Math.min(a.x + a.w, b.x + b.w);
  const [ax, bx] = hi - lo > 24 ? [(lo + hi) / 2, (lo + hi) / 2] : [a.x + a.w / 2, b.x + b.w / 2];
  return a.row < b.row ? [ax, a.y + a.h, bx, b.y] : [ax, a.y, bx, b.y + b.h];
}

/** One sentence per arrow, for screen readers: "k6 → Nginx (HTTP)". */
function describe(spec: DiagramSpec, nodes: Map<string, Placed>): string {
  return spec.edges.map((e) => `${nodes.get(e.from)?.title} → ${nodes.get(e.to)?.title}${e.label ? ` (${e.label})` : ''}`).join('; ');
}

export function Diagram({ spec }: { spec: DiagramSpec }): ReactNode {
  const { nodes, height } = layout(spec);
  const marker = (tone: Tone) => `${spec.id}-arrow-${tone}`;
  const get = (id: string): Placed => {
    const n = nodes.get(id);
    if (!n) throw new Error(`diagram ${spec.id}: no node "${id}"`);
    return n;
  };
  return (
    <figure className="diagram" data-diagram={spec.id}>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-labelledby={`${spec.id}-title ${spec.id}-desc`}
        style={{ maxWidth: `${Math.round(W * 1.25)}px` }}
      >
        <title id={`${spec.id}-title`}>{spec.title}</title>
        <desc id={`${spec.id}-desc`}>{describe(spec, nodes)}</desc>
        <defs>
          {(['write', 'read', 'side'] as const).map((tone) => (
            <marker key={tone} id={marker(tone)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className={`diagram-head diagram-${tone}`} />
            </marker>
          ))}
        </defs>
        {spec.edges.map((e) => {
          const tone = e.tone ?? 'side';
          const [x1, y1, x2, y2] = endpoints(get(e.from), get(e.to));
          const sameRow = y1 === y2;
          return (
            <g key={`${e.from}-${e.to}`}>
              <line
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                className={`diagram-edge diagram-${tone}`}
                strokeDasharray={e.dashed ? '5 4' : undefined}
                markerEnd={`url(#${marker(tone)})`}
              />
              {e.label && !sameRow ? (
                <text x={(x1 + x2) / 2 + 7} y={(y1 + y2) / 2 + 4} className="diagram-label" fontSize={LINE}>
                  {e.label}
                </text>
              ) : null}
            </g>
          );
        })}
        {[...nodes.values()].map((n) => (
          <g key={n.id}>
            <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={6} className={n.store ? 'diagram-box diagram-store' : 'diagram-box'} />
            <text x={n.x + n.w / 2} y={n.y + 10 + TITLE} textAnchor="middle" className="diagram-title" fontSize={TITLE}>
              {n.title}
            </text>
            {(n.lines ?? []).map((line, i) => (
              <text
                key={line}
                x={n.x + n.w / 2}
                y={n.y + 10 + TITLE + (i + 1) * (LINE + 4)}
                textAnchor="middle"
                className="diagram-line"
                fontSize={LINE}
              >
                {line}
              </text>
            ))}
            {n.parts?.map((part, i, all) => {
              const cw = (n.w - 12 - (all.length - 1) * 6) / all.length;
              const cx = n.x + 6 + i * (cw + 6);
              const cy = n.y + n.h - CHIP - 8;
              return (
                <g key={part}>
                  <rect x={cx} y={cy} width={cw} height={CHIP} rx={4} className="diagram-chip" />
                  <text x={cx + cw / 2} y={cy + CHIP / 2 + 4.5} textAnchor="middle" className="diagram-line" fontSize={LINE}>
                    {part}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>{spec.caption}</figcaption>
    </figure>
  );
}
