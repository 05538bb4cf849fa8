// The names the reliability report gives its statistics and summary rows, shared by its tables.

import type { ReasonKind } from '../electron/core/api/contract.ts';

export type IccForm = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

export const ICC_FORMS: { form: IccForm; label: string; hint: string }[] = [
  { form: 'ICC1', label: 'ICC(1,1)', hint: 'one-way random effects, a single coder' },
  { form: 'ICC2', label: 'ICC(2,1)', hint: 'two-way random effects, absolute agreement, a single coder' },
  { form: 'ICC3', label: 'ICC(3,1)', hint: 'two-way mixed effects, consistency, a single coder' },
  { form: 'ICC1k', label: 'ICC(1,k)', hint: 'one-way random effects, the mean of the coders' },
  { form: 'ICC2k', label: 'ICC(2,k)', hint: 'two-way random effects, absolute agreement, the mean of the coders' },
  { form: 'ICC3k', label: 'ICC(3,k)', hint: 'two-way mixed effects, consistency, the mean of the coders' },
];

/** The rows after the codes: agreement on "any code of a kind". */
export const SUMMARY_KEYS: { key: string; label: string }[] = [
  { key: 'withdrawal', label: 'Any withdrawal marker' },
  { key: 'confrontation', label: 'Any confrontation marker' },
  { key: 'resolution', label: 'Any resolution strategy' },
  { key: 'rupture', label: 'Any rupture (withdrawal or confrontation)' },
];

/** What a table cell says in place of a statistic that has no value, by the kind of its reason. */
export const REASON_LABELS: Readonly<Record<ReasonKind, string>> = {
  'not-defined': 'not defined',
  'does-not-apply': 'does not apply',
  'too-few': 'too few',
};
