// Which coders the export's reliability table compares, and over which recordings. Reliability needs the
// same recordings coded by every compared coder; a study where a trainee coded a few recordings, or a third
// coder a reliability subset, has no recording that every coder coded, and a table over all of them would
// hold nothing. So the export takes the two independent coders who share the most recordings (of pairs
// sharing as many, the first in code order), then every other coder who also coded all of those, and says
// who was left out. The reliability report starts from the same choice (its default) and lets a lead
// choose any other set.

/** What the rule needs of a coder: a consensus coder is never independent. */
export interface RuleCoder {
  id: number;
  code: string;
  consensus: boolean;
}

/** What the rule needs of a coding: whose, of which recording. */
export interface RuleCoding {
  coder: { id: number; consensus: boolean };
  recording: { id: number };
}

export type ReliabilityCoders<C extends RuleCoder = RuleCoder, R extends { id: number } = { id: number }> =
  { ok: true; coders: C[]; recordings: R[]; leftOut: C[] } | { ok: false; reason: string };

/** Recording ids each independent coder coded, coders in the order of `coders`. */
function recordingsByCoder(codings: readonly RuleCoding[], coders: readonly RuleCoder[]): Map<number, Set<number>> {
  const by = new Map(coders.map((c) => [c.id, new Set<number>()]));
  for (const coding of codings) by.get(coding.coder.id)?.add(coding.recording.id);
  return by;
}

const common = (a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> => new Set([...a].filter((id) => b.has(id)));

/**
 * The coders and recordings to compare, from the exported codings. A consensus coding is started from
 * another coder's, so it never counts as independent. `coders` and `recordings` give the order.
 */
export function reliabilityCoders<C extends RuleCoder, R extends { id: number }>(
  codings: readonly RuleCoding[],
  coders: readonly C[],
  recordings: readonly R[],
): ReliabilityCoders<C, R> {
  const independent = coders.filter((c) => !c.consensus && codings.some((k) => k.coder.id === c.id));
  const consensusNote = codings.some((k) => k.coder.consensus)
    ? ' on their own (consensus codings are started from another coder’s, so they are left out)'
    : '';
  if (independent.length < 2) {
    const who = independent.length === 0 ? 'no coder' : `only ${independent[0]!.code}`;
    return { ok: false, reason: `reliability needs two or more coders, and ${who} coded the exported recordings${consensusNote}` };
  }
  const coded = recordingsByCoder(codings, independent);
  let best: { pair: [C, C]; shared: Set<number> } | undefined;
  for (let i = 0; i < independent.length; i++) {
    for (let j = i + 1; j < independent.length; j++) {
      const shared = common(coded.get(independent[i]!.id)!, coded.get(independent[j]!.id)!);
      if (!best || shared.size > best.shared.size) best = { pair: [independent[i]!, independent[j]!], shared };
    }
  }
  if (best!.shared.size === 0) {
    return {
      ok: false,
      reason: `reliability needs recordings coded by two coders, and no two of ${independent.map((c) => c.code).join(', ')} coded the same recording`,
    };
  }
  const { pair, shared } = best!;
  const chosen = independent.filter((c) => pair.includes(c) || [...shared].every((id) => coded.get(c.id)!.has(id)));
  return {
    ok: true,
    coders: chosen,
    recordings: recordings.filter((r) => shared.has(r.id)),
    leftOut: independent.filter((c) => !chosen.includes(c)),
  };
}
