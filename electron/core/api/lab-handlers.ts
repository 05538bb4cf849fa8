// Channels of the lab across workstations: the identity of the person who uses the open study (shown with a QR
// code for comparing in person); the lead's side (coders' cards, assignments, inspecting and importing return
// packets) and the coder's (opening an assignment, locating the videos, sending codings back). Each calls the
// lab's core functions; paths come from forms or dialogs and pass through userPath.

import { readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { userPath } from '../io/user-path.ts';
import { makeAssignment } from '../lab/assign.ts';
import { CARD_PREFIX } from '../lab/card.ts';
import { addCoderWithCard, setCoderIdentity } from '../lab/coder-cards.ts';
import { hasIdentity, getPublicIdentity, showIdentity } from '../lab/identity.ts';
import { importPackets, inboxPackets, inspectPackets } from '../lab/import-batch.ts';
import { openAssignment } from '../lab/open-assignment.ts';
import { labOverview } from '../lab/overview.ts';
import { readPacketFile } from '../lab/packet-file.ts';
import { makeReturn } from '../lab/return.ts';
import { findCoder } from '../store/coders.ts';
import { locateRecordings } from '../recordings/locate.ts';
import type { Implementations } from './implementation.ts';
import type { Jobs } from './jobs.ts';
import { authorize, identityOwnerOnly, leadOnly } from './authorization.ts';
import type { Session } from './session.ts';

type LabChannels =
  | 'identity.show'
  | 'lab.overview'
  | 'lab.registerCoder'
  | 'lab.assign'
  | 'lab.inspect'
  | 'lab.import'
  | 'lab.openAssignment'
  | 'lab.locate'
  | 'lab.sendBack';

/** The packets named: files chosen one by one, or every packet in an inbox folder. */
function packetFiles({ files, folder }: { files?: string[]; folder?: string }): string[] {
  const chosen = [...(files ?? []).map((f) => userPath(f, 'packet')), ...(folder === undefined ? [] : inboxPackets(userPath(folder, 'folder')))];
  if (chosen.length === 0) throw new AppError('INVALID_INPUT', 'Choose the packet files, or the inbox folder that holds them.');
  return chosen;
}

/** A card pasted as its line, or the file it came in. */
function cardText({ card, cardFile }: { card?: string; cardFile?: string }): string {
  if (card !== undefined && card.trim() !== '') return card.trim();
  if (cardFile === undefined || cardFile.trim() === '')
    throw new AppError('INVALID_INPUT', `Paste the coder's identity card (a line starting with "${CARD_PREFIX}") or choose the file it came in.`);
  const path = userPath(cardFile, 'card');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new AppError('FILE_NOT_FOUND', `The card file ${path} cannot be read. Check its path, or paste the card instead.`);
  }
}

export function labHandlers(session: Session, jobs: Jobs): Implementations<LabChannels> {
  const asLead = (what: string) => authorize(leadOnly(session.coder(), what));
  /** The workstation's own person: packets are made with the study's identity, which is theirs alone. */
  const asIdentityOwner = (what: string) => {
    const { db } = session.study();
    const me = session.coder();
    if (!hasIdentity(db)) throw new AppError('NOT_FOUND', 'This study has no identity for lab packets; a study created by the app has one.');
    authorize(identityOwnerOnly(me, getPublicIdentity(db).code, what));
    return db;
  };

  return {
    'identity.show': () => {
      const { db } = session.study();
      return hasIdentity(db) ? showIdentity(db) : null;
    },
    'lab.overview': () => {
      asLead('see the lab (it names every coder’s work)');
      return labOverview(session.study().db);
    },
    'lab.registerCoder': ({ code, name, card, cardFile, replace }) => {
      asLead('register a coder’s identity card');
      const { db } = session.study();
      const text = cardText({ card, cardFile });
      const registered = findCoder(db, code.trim().toUpperCase())
        ? (() => {
            if (!replace) {
              throw new AppError(
                'CONFLICT',
                `${code.trim().toUpperCase()} is already a coder of this study. To give them this card, choose "Replace their card" (audited).`,
              );
            }
            return setCoderIdentity(db, code.trim().toUpperCase(), text, session.actor());
          })()
        : { ...addCoderWithCard(db, { code, name: name?.trim() || undefined, card: text }, session.actor()), replaced: false };
      return { code: registered.coder.code, name: registered.coder.name, fingerprint: registered.fingerprint, replaced: registered.replaced };
    },
    'lab.assign': ({ coder, recordings, out }) => {
      asLead('make assignments');
      return makeAssignment(session.study().db, { coder, recordings, out: userPath(out, 'new-packet') }, session.actor());
    },
    'lab.inspect': (input) => {
      asLead('inspect return packets');
      return inspectPackets(session.study().db, packetFiles(input));
    },
    'lab.import': ({ takeTheirs, ...input }) => {
      asLead('import return packets');
      return importPackets(session.study().db, packetFiles(input), { takeTheirs }, session.actor());
    },
    'lab.openAssignment': ({ path }) => {
      const db = asIdentityOwner('open an assignment in it');
      return openAssignment(db, readPacketFile(userPath(path, 'packet')), session.actor());
    },
    'lab.locate': ({ folder }) => {
      const { db } = session.study();
      session.coder();
      const dir = userPath(folder, 'folder');
      const actor = session.actor();
      // Done, the job says which recordings were linked, already in place, or not found.
      return jobs.start('locate', ({ report, signal }) =>
        locateRecordings(
          db,
          dir,
          actor,
          (done, total) => report({ stage: 'reading the videos', percent: total === 0 ? 100 : (100 * done) / total, etaSeconds: null }),
          signal,
        ),
      );
    },
    'lab.sendBack': ({ out }) => {
      const db = asIdentityOwner('send its codings back');
      return makeReturn(db, { out: userPath(out, 'new-packet') }, session.actor());
    },
  };
}
