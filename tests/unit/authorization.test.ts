// The study's one authorization policy (electron/core/api/authorization.ts), as a table: every role, with
// blind coding on and off, asking about their own coding, another coder's, a consensus coding and a lead's.

import { describe, expect, it } from 'vitest';
import {
  auditReader,
  identityOwnerOnly,
  knowsOf,
  leadOnly,
  mayAddCoder,
  mayCodeAs,
  mayCompare,
  mayRead,
  mayReopen,
  mayTrainAgainst,
  mayWrite,
  type CodingFacts,
  type Decision,
  type Identity,
} from '../../electron/core/api/authorization.ts';

const REC = 'D01-S01';
const CODER: Identity = { code: 'C01', role: 'coder' };
const LEAD: Identity = { code: 'L01', role: 'lead' };
const WHO = { coder: CODER, lead: LEAD } as const;

type Whose = 'own' | 'another coder’s' | 'a consensus' | 'another lead’s';

function codingOf(me: Identity, whose: Whose, used = false): CodingFacts {
  const base = { recording: REC, used };
  switch (whose) {
    case 'own':
      return { ...base, coder: me.code, coderRole: me.role, kind: 'own' };
    case 'another coder’s':
      return { ...base, coder: 'C02', coderRole: 'coder', kind: 'own' };
    case 'a consensus':
      return { ...base, coder: 'CONSENSUS', coderRole: 'coder', kind: 'consensus' };
    case 'another lead’s':
      return { ...base, coder: 'L02', coderRole: 'lead', kind: 'own' };
  }
}

const yes = (d: Decision) => (d.allowed ? 'yes' : 'no');

// train: whether they may check their own coding against this one as a reference (not asked of their own).
// listed: whether the recording's list of codings shows it to them.
const TABLE: { who: keyof typeof WHO; blind: 'on' | 'off'; whose: Whose; read: string; write: string; train: string | null; listed: string }[] = [
  { who: 'coder', blind: 'on', whose: 'own', read: 'yes', write: 'yes', train: null, listed: 'yes' },
  { who: 'coder', blind: 'on', whose: 'another coder’s', read: 'no', write: 'no', train: 'no', listed: 'no' },
  { who: 'coder', blind: 'on', whose: 'a consensus', read: 'no', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'coder', blind: 'on', whose: 'another lead’s', read: 'no', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'coder', blind: 'off', whose: 'own', read: 'yes', write: 'yes', train: null, listed: 'yes' },
  { who: 'coder', blind: 'off', whose: 'another coder’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'coder', blind: 'off', whose: 'a consensus', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'coder', blind: 'off', whose: 'another lead’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'on', whose: 'own', read: 'yes', write: 'yes', train: null, listed: 'yes' },
  { who: 'lead', blind: 'on', whose: 'another coder’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'on', whose: 'a consensus', read: 'yes', write: 'yes', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'on', whose: 'another lead’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'off', whose: 'own', read: 'yes', write: 'yes', train: null, listed: 'yes' },
  { who: 'lead', blind: 'off', whose: 'another coder’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'off', whose: 'a consensus', read: 'yes', write: 'yes', train: 'yes', listed: 'yes' },
  { who: 'lead', blind: 'off', whose: 'another lead’s', read: 'yes', write: 'no', train: 'yes', listed: 'yes' },
];

describe('who may read and write which coding', () => {
  it.each(TABLE)(
    'a $who, blind coding $blind, $whose coding: reads $read, writes $write, trains against it $train, sees it listed $listed',
    ({ who, blind, whose, read, write, train, listed }) => {
      const me = WHO[who];
      const coding = codingOf(me, whose);
      const isBlind = blind === 'on';
      expect(yes(mayRead(me, isBlind, coding))).toBe(read);
      expect(yes(mayWrite(me, coding))).toBe(write);
      if (train !== null) expect(yes(mayTrainAgainst(me, isBlind, me.code, coding, coding.coder))).toBe(train);
      expect(knowsOf(me, isBlind, coding) ? 'yes' : 'no').toBe(listed);
    },
  );

  it('the table covers every role, blind setting and coding', () => {
    expect(new Set(TABLE.map((r) => `${r.who}/${r.blind}/${r.whose}`)).size).toBe(2 * 2 * 4);
  });
});

describe('what a refusal says', () => {
  it('a coder looking at another’s coding while coding is blind', () => {
    expect(mayRead(CODER, true, codingOf(CODER, 'another coder’s'))).toEqual({
      allowed: false,
      message: 'Coding is blind: only a lead can look at another coder’s coding.',
    });
  });

  it('a coder writing another’s coding, and a lead writing a person’s coding', () => {
    expect(mayWrite(CODER, codingOf(CODER, 'a consensus'))).toEqual({
      allowed: false,
      message: 'You can change only your own coding, not CONSENSUS’s.',
    });
    expect(mayWrite(LEAD, codingOf(LEAD, 'another coder’s'))).toEqual({
      allowed: false,
      message:
        'C02’s coding of D01-S01 is that coder’s own work, so not even a lead may change it. A lead edits only consensus codings: compare the codings and start a consensus from one of them.',
    });
  });

  it('a coder training against a fellow coder, against a code that is no coder, or checking someone else’s coding while blind', () => {
    const notReference = (code: string) =>
      `${code} is not a reference coding: train against a lead’s coding or a consensus coding. Coding is blind, so a fellow coder’s coding stays hidden.`;
    expect(mayTrainAgainst(CODER, true, 'C01', codingOf(CODER, 'another coder’s'), 'C02')).toEqual({ allowed: false, message: notReference('C02') });
    expect(mayTrainAgainst(CODER, true, 'C01', undefined, 'NOBODY')).toEqual({ allowed: false, message: notReference('NOBODY') });
    expect(mayTrainAgainst(CODER, true, 'C02', codingOf(CODER, 'another lead’s'), 'L02')).toEqual({
      allowed: false,
      message: 'Coding is blind: you can check only your own coding against a reference, not C02’s.',
    });
    expect(mayTrainAgainst(CODER, false, 'C02', codingOf(CODER, 'another coder’s'), 'C02').allowed).toBe(true);
  });
});

describe('a lead’s tasks', () => {
  it('are a lead’s; a coder is told to ask one', () => {
    expect(leadOnly(LEAD, 'export the study').allowed).toBe(true);
    expect(leadOnly(CODER, 'export the study')).toEqual({
      allowed: false,
      message: 'Only a lead can export the study: it is a lead’s task in this study. Ask a lead of this study.',
    });
  });

  it('comparing two codings is a lead’s while coding is blind, anyone’s when it is off', () => {
    expect(mayCompare(CODER, true)).toEqual({
      allowed: false,
      message: 'Only a lead can compare two coders’ codings: it is a lead’s task in this study. Ask a lead of this study.',
    });
    expect(mayCompare(CODER, false).allowed).toBe(true);
    expect(mayCompare(LEAD, true).allowed).toBe(true);
  });

  it('only a lead adds a lead, but for the study’s first; anyone adds a coder', () => {
    expect(mayAddCoder(CODER, 'lead', true)).toEqual({
      allowed: false,
      message: 'Only a lead can add a lead: a lead sees every coder’s coding. Add the coder with the role coder, or ask a lead of this study.',
    });
    expect(mayAddCoder(null, 'lead', true).allowed).toBe(false);
    expect(mayAddCoder(CODER, 'lead', false).allowed).toBe(true);
    expect(mayAddCoder(LEAD, 'lead', true).allowed).toBe(true);
    expect(mayAddCoder(CODER, 'coder', true).allowed).toBe(true);
  });
});

describe('reopening a signed-off coding', () => {
  const REOPEN: { who: keyof typeof WHO; whose: Whose; used: boolean; allowed: boolean }[] = [
    { who: 'coder', whose: 'own', used: false, allowed: true },
    { who: 'coder', whose: 'own', used: true, allowed: false },
    { who: 'coder', whose: 'another coder’s', used: false, allowed: false },
    { who: 'coder', whose: 'a consensus', used: false, allowed: false },
    { who: 'lead', whose: 'another coder’s', used: true, allowed: true },
    { who: 'lead', whose: 'a consensus', used: false, allowed: true },
    { who: 'lead', whose: 'own', used: true, allowed: true },
  ];
  it.each(REOPEN)('a $who, $whose coding, used $used: allowed $allowed', ({ who, whose, used, allowed }) => {
    expect(mayReopen(WHO[who], codingOf(WHO[who], whose, used)).allowed).toBe(allowed);
  });

  it('a coder is told to ask a lead: for another’s coding, and for their own once it was used', () => {
    expect(mayReopen(CODER, codingOf(CODER, 'another coder’s'))).toEqual({
      allowed: false,
      message: 'Only C02 or a lead can reopen D01-S01/C02: ask a lead to reopen it.',
    });
    expect(mayReopen(CODER, codingOf(CODER, 'own', true))).toEqual({
      allowed: false,
      message:
        'D01-S01/C01 has been used since it was completed (compared, taken into a consensus, exported or checked against a reference), so only a lead can reopen it now: ask a lead to reopen it.',
    });
  });
});

describe('who a window codes as, and what of the study belongs to one person', () => {
  it('nobody codes as a consensus coder', () => {
    expect(mayCodeAs({ code: 'CONSENSUS' }, true)).toEqual({
      allowed: false,
      message:
        'CONSENSUS is the coder of consensus codings, not a person: pick your own coder code. A lead edits a consensus coding from the recording’s page.',
    });
    expect(mayCodeAs({ code: 'C01' }, false).allowed).toBe(true);
  });

  it('a coder reads only their own audit entries, a lead all', () => {
    expect(auditReader(CODER)).toBe('C01');
    expect(auditReader(LEAD)).toBeUndefined();
  });

  it('packets are made with the study’s identity by its owner alone', () => {
    expect(identityOwnerOnly(CODER, 'C01', 'send its codings back').allowed).toBe(true);
    expect(identityOwnerOnly(LEAD, 'C01', 'send its codings back')).toEqual({
      allowed: false,
      message: 'Only C01, whose identity this study holds, can send its codings back.',
    });
  });
});
