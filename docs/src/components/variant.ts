// Which URLs and checks of labs.json belong to one variant of a lab: lab.yaml's `when` (e.g.
// { mode: distributed }) against the chosen options on top of the defaults, as the runner's
// variantOf decides.
import labs from '../data/labs.json';

export type Choices = Record<string, string>;
/** An entry of labs.json that may belong to one variant only. */
export type Variant<T> = T & { when?: Choices };

export function inVariant(lab: keyof typeof labs, when: Choices | undefined, choices: Choices): boolean {
  const chosen: Choices = Object.fromEntries(labs[lab].options.map((o) => [o.name, choices[o.name] ?? o.default]));
  return Object.entries(when ?? {}).every(([option, choice]) => chosen[option] === choice);
}
