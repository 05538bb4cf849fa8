// A lab of three studies in one temporary folder — the lead's and two coders' workstations — built through
// the core, as three machines would build them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeCoding, importRatings } from '../../electron/core/coding/index.ts';
import { getScheme, ratingItemIds } from '../../electron/core/scheme/index.ts';
import { getSettings } from '../../electron/core/store/settings.ts';
import { makeAssignment } from '../../electron/core/lab/assign.ts';
import { addCoderWithCard } from '../../electron/core/lab/coder-cards.ts';
import { createIdentity } from '../../electron/core/lab/identity.ts';
import { openAssignment } from '../../electron/core/lab/open-assignment.ts';
import { makeReturn } from '../../electron/core/lab/return.ts';
import { closeStudy, openStudy, type Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, makeStudy, PASSPHRASE } from './study.ts';

export interface Lab {
  dir: string;
  lead: Study;
  work: Record<'C01' | 'C02', Study>;
}

export const RECORDINGS = { 'D01-S01': 60_000, 'D01-S02': 45_000 } as const;

export async function makeLab(dir: string): Promise<Lab> {
  const lead = makeStudy(dir, 10, 'lab.3rs');
  await createIdentity(lead.db, { code: 'L01', name: 'Lena Leadington' }, ACTOR);
  for (const [code, ms] of Object.entries(RECORDINGS)) addFakeRecording(lead, code, ms);
  const work = {} as Lab['work'];
  for (const code of ['C01', 'C02'] as const) {
    const study = makeStudy(dir, 300, `${code}.3rs`);
    const id = await createIdentity(study.db, { code, name: `${code === 'C01' ? 'Annika' : 'Bertold'} Coderson`, role: 'coder' }, code);
    addCoderWithCard(lead.db, { code, card: id.card }, ACTOR);
    work[code] = study;
  }
  return { dir, lead, work };
}

/** Assign → open, returning the packet's path. */
export async function assignAndOpen(lab: Lab, coder: 'C01' | 'C02', recordings?: string[]): Promise<string> {
  const made = await makeAssignment(lab.lead.db, { coder, recordings, out: lab.dir }, ACTOR);
  await openAssignment(lab.work[coder].db, readFileSync(made.path), coder);
  return made.path;
}

export async function returnPacket(lab: Lab, coder: 'C01' | 'C02'): Promise<Uint8Array> {
  const made = await makeReturn(lab.work[coder].db, { out: lab.dir }, coder);
  return readFileSync(made.path);
}

/** Closes the study (folding its WAL into the file) and reads the file's bytes, then opens it again. */
export function bytesAfterClose(study: Study): { bytes: Buffer; reopened: Study } {
  closeStudy(study);
  const bytes = readFileSync(study.path);
  return { bytes, reopened: openStudy(study.path, PASSPHRASE) };
}

export const studyPath = (lab: Lab, name: string) => join(lab.dir, name);

/** Every global rating set (to 2), so the coding can be marked complete. */
export function rateAll(study: Study, recording: string, coder: string): void {
  const scheme = getScheme(getSettings(study.db).schemeId);
  importRatings(
    study.db,
    recording,
    coder,
    ratingItemIds(scheme).map((item) => ({ item, value: 2 })),
    coder,
  );
}

export function completeWithRatings(study: Study, recording: string, coder: string): void {
  rateAll(study, recording, coder);
  completeCoding(study.db, recording, coder, coder);
}
