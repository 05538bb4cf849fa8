// The study's one authorization policy: who may read or write which coding, and who does a lead's tasks.
//
// - Coding is blind unless a lead turns that off for the study: a coder sees only their own coding. A lead
//   sees everyone's (the reliability report, comparisons, the export).
// - Everyone writes their own coding and nobody another person's, not even a lead: a lead writes, besides
//   their own, only consensus codings (the agreed coding begun from one coder's).
// - A trainee checks their coding against a reference coding: a lead's or a consensus coding, never a fellow
//   coder's (that would unblind them).
// - A coder reopens their own signed-off coding until it has been used; a lead reopens any.
// - A consensus coder is not a person: nobody codes as them.
//
// Each rule is a pure function of who asks (the session's chosen coder), the study's blind setting and the
// coding asked for (its coder, their role, its kind), answering allowed or refused with the sentence the
// person reads. The handlers authorize each request once, here, before calling the domain function; domain
// functions check no permissions of their own. A refusal is an AppError with the code FORBIDDEN.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { resolveCoding } from '../coding/coding-ref.ts';
import { codingUsedAt } from '../coding/sign-off.ts';
import { codingKindOf, type CodingKind } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import type { CoderRole } from '../store/coders.ts';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

const ALLOWED: Decision = { allowed: true };
const refused = (message: string): Decision => ({ allowed: false, message });

/** Who asks: the coder the window codes as. */
export interface Identity {
  readonly code: string;
  readonly role: CoderRole;
}

/** A coding as the policy sees it. */
export interface CodingFacts {
  readonly recording: string;
  /** Its coder's code. */
  readonly coder: string;
  /** Its coder's role: a lead's coding is a reference in training. */
  readonly coderRole: CoderRole;
  readonly kind: CodingKind;
  /** Whether the complete coding was used (compared, exported, taken into a consensus, checked in training). */
  readonly used: boolean;
}

/** Whether `me` may look at codings not their own: a lead always, a coder only while blind coding is off. */
export const seesOthers = (me: Identity, blind: boolean): boolean => me.role === 'lead' || !blind;

/** A coding a trainee may check theirs against. */
export const isReference = (coding: Pick<CodingFacts, 'coderRole' | 'kind'>): boolean => coding.coderRole === 'lead' || coding.kind === 'consensus';

const own = (me: Identity, coding: { readonly coder: string }): boolean => coding.coder === me.code;

/** A lead's task: the reliability report, the export, the consensus, the lab, the blind setting. */
export function leadOnly(me: Identity, what: string): Decision {
  return me.role === 'lead' ? ALLOWED : refused(`Only a lead can ${what}: it is a lead’s task in this study. Ask a lead of this study.`);
}

/** Looking at a coding (its marks, ratings and notes). */
export function mayRead(me: Identity, blind: boolean, coding: { readonly coder: string }): Decision {
  return own(me, coding) || seesOthers(me, blind) ? ALLOWED : refused('Coding is blind: only a lead can look at another coder’s coding.');
}

/** Changing a coding: marks, ratings, notes, watched segments, sign-off. */
export function mayWrite(me: Identity, coding: Pick<CodingFacts, 'recording' | 'coder' | 'kind'>): Decision {
  if (own(me, coding)) return ALLOWED;
  if (me.role !== 'lead') return refused(`You can change only your own coding, not ${coding.coder}’s.`);
  if (coding.kind === 'consensus') return ALLOWED;
  return refused(
    `${coding.coder}’s coding of ${coding.recording} is that coder’s own work, so not even a lead may change it. A lead edits only consensus codings: compare the codings and start a consensus from one of them.`,
  );
}

/** Whether `me` learns that a coding exists (the recording's list of codings): theirs, a reference, or all when they see others'. */
export function knowsOf(me: Identity, blind: boolean, coding: Pick<CodingFacts, 'coder' | 'coderRole' | 'kind'>): boolean {
  return own(me, coding) || isReference(coding) || seesOthers(me, blind);
}

/** Comparing two codings side by side. */
export function mayCompare(me: Identity, blind: boolean): Decision {
  return seesOthers(me, blind) ? ALLOWED : leadOnly(me, 'compare two coders’ codings');
}

/**
 * Checking `trainee`'s coding against a reference. While coding is blind a coder checks only their own, and
 * only against a reference coding; `reference` is undefined when its code names no coder of the study.
 */
export function mayTrainAgainst(
  me: Identity,
  blind: boolean,
  trainee: string,
  reference: Pick<CodingFacts, 'coderRole' | 'kind'> | undefined,
  referenceCode: string,
): Decision {
  if (seesOthers(me, blind)) return ALLOWED;
  if (trainee !== me.code) return refused(`Coding is blind: you can check only your own coding against a reference, not ${trainee}’s.`);
  if (reference === undefined || !isReference(reference)) {
    return refused(
      `${referenceCode} is not a reference coding: train against a lead’s coding or a consensus coding. Coding is blind, so a fellow coder’s coding stays hidden.`,
    );
  }
  return ALLOWED;
}

/** Taking a sign-off back: its coder while the complete coding is unused, a lead at any time. */
export function mayReopen(me: Identity, coding: CodingFacts): Decision {
  if (me.role === 'lead') return ALLOWED;
  const label = `${coding.recording}/${coding.coder}`;
  if (!own(me, coding)) return refused(`Only ${coding.coder} or a lead can reopen ${label}: ask a lead to reopen it.`);
  if (coding.used) {
    return refused(
      `${label} has been used since it was completed (compared, taken into a consensus, exported or checked against a reference), so only a lead can reopen it now: ask a lead to reopen it.`,
    );
  }
  return ALLOWED;
}

/** Choosing whom a window codes as: anyone of the study but a consensus coder. */
export function mayCodeAs(coder: { readonly code: string }, consensusCoder: boolean): Decision {
  return consensusCoder
    ? refused(
        `${coder.code} is the coder of consensus codings, not a person: pick your own coder code. A lead edits a consensus coding from the recording’s page.`,
      )
    : ALLOWED;
}

/** Adding a coder: a lead sees every coder's work, so only a lead adds a lead, but for a study's first lead. */
export function mayAddCoder(me: Identity | null, role: CoderRole, studyHasLead: boolean): Decision {
  return role !== 'lead' || me?.role === 'lead' || !studyHasLead
    ? ALLOWED
    : refused('Only a lead can add a lead: a lead sees every coder’s coding. Add the coder with the role coder, or ask a lead of this study.');
}

/** Whose audit entries `me` reads: a lead all (undefined), a coder only their own, as others' would tell of hidden codings. */
export const auditReader = (me: Identity): string | undefined => (me.role === 'lead' ? undefined : me.code);

/** A lab packet made or opened with the study's identity: its owner's alone. */
export function identityOwnerOnly(me: Identity, owner: string, what: string): Decision {
  return me.code === owner ? ALLOWED : refused(`Only ${owner}, whose identity this study holds, can ${what}.`);
}

/** Carries out a decision: a refusal becomes the FORBIDDEN error its sentence explains. */
export function authorize(decision: Decision): void {
  if (!decision.allowed) throw new AppError('FORBIDDEN', decision.message);
}

/** The policy's view of a coding in the study; unknown codes throw NOT_FOUND. */
export function codingFacts(db: Database, recording: string, coder: string): CodingFacts {
  const ref = resolveCoding(db, recording, coder);
  return {
    recording: ref.recording.code,
    coder: ref.coder.code,
    coderRole: ref.coder.role,
    kind: codingKindOf(db, ref),
    used: codingUsedAt(db, ref) !== null,
  };
}
