// One look at a running lab (Docker needed): its containers, and the host ports they published.
// A subpath export of the runner (`@obslab/runner/live`), so packages that only read lab files
// do not load the Docker side.
import { $ } from 'zx';
import { type Container, type Inspected, type LivePorts, livePorts, parseInspect, parsePs } from './containers.ts';
import { compose } from './docker.ts';
import { findLab, type Lab } from './labs.ts';
import { type Selection, savedSelection } from './selection.ts';

/** One look at the lab: `compose ps` and, for the containers it lists, `docker inspect`. */
export async function lookAtLab(lab: Lab, selection: Selection, signal?: AbortSignal): Promise<Container[]> {
  const ps = parsePs((await compose(lab, selection, ['ps', '--all', '--format', 'json'], { check: false, signal })).stdout);
  if (ps.length === 0) return [];
  const out = await $({ quiet: true, nothrow: true, timeout: '30s', signal })`docker inspect ${ps.map((c) => c.id)}`;
  // A container removed between the two calls makes inspect exit 1 but print the others.
  let details: Inspected[] = [];
  try {
    details = parseInspect(out.stdout);
  } catch {
    details = [];
  }
  return ps.map((c) => ({ ...c, inspected: details.find((d) => d.id.startsWith(c.id)) }));
}

/** The ports a lab's containers published now, for the variant `up` started (e2e specs use it). */
export async function publishedNow(labId: string): Promise<LivePorts> {
  const lab = findLab(labId);
  return livePorts(await lookAtLab(lab, savedSelection(lab)));
}
