// Channels about the study itself: create, open, close, coders, recordings, scheme.

import { rmSync } from 'node:fs';
import { consensusCoderCodes } from '../consensus/index.ts';
import { userPath } from '../io/user-path.ts';
import { createIdentity } from '../lab/identity.ts';
import { getScheme } from '../scheme/index.ts';
import { addCoder, getCoder, listCoders, retiredCoderIds, type Coder } from '../store/coders.ts';
import { coderLiveMarks, studyInfo } from '../store/info.ts';
import { getSettings, isSegmentLengthLocked, setBlindCoding, setSegmentGrid } from '../store/settings.ts';
import { closeStudy, createStudy, openStudy, type Study } from '../store/study-file.ts';
import { authorize, leadOnly, mayAddCoder, mayCodeAs, seesOthers } from './authorization.ts';
import type { StudyCoder, StudyInfo, StudySettingsView } from './contract.ts';
import type { Implementations } from './implementation.ts';
import type { Session } from './session.ts';

type StudyChannels =
  | 'study.create'
  | 'study.open'
  | 'study.close'
  | 'study.info'
  | 'session.selectCoder'
  | 'coders.list'
  | 'coders.add'
  | 'scheme.get'
  | 'settings.get'
  | 'settings.update';

function settingsView(s: Study): StudySettingsView {
  const { segmentSeconds, minFinalSeconds, schemeId, blindCoding } = getSettings(s.db);
  return { segmentSeconds, minFinalSeconds, schemeId, segmentLocked: isSegmentLengthLocked(s.db), blindCoding };
}

export function studyHandlers(session: Session, fallbackActor: string, close: () => Promise<void>): Implementations<StudyChannels> {
  /** The study's facts, its mark count as the chosen coder may see it. */
  const info = (s: Study): StudyInfo => {
    const me = session.chosen();
    const facts = studyInfo(s.db);
    const { blindCoding } = getSettings(s.db);
    const events = me === null ? null : seesOthers(me, blindCoding) ? facts.events : coderLiveMarks(s.db, me.id);
    return { path: s.path, ...facts, events, blindCoding };
  };

  return {
    'study.create': async ({ path, passphrase, segmentSeconds, coder: first }) => {
      const file = userPath(path, 'new-study');
      await close();
      const created = createStudy(file, passphrase, { segmentSeconds, actor: fallbackActor });
      let added: Coder;
      try {
        added = addCoder(created.db, first, fallbackActor);
        // The creator's identity (keys for lab packets) is made with the study, inside it.
        await createIdentity(created.db, { code: added.code, name: added.name }, fallbackActor);
      } catch (err) {
        // A study nobody can code in is useless; remove the file we just made so the user can retry the same path.
        closeStudy(created);
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(created.path + suffix, { force: true });
        throw err;
      }
      session.open(created, added);
      return { info: info(created), coder: added };
    },
    'study.open': async ({ path, passphrase }) => {
      const file = userPath(path, 'study');
      await close();
      const opened = openStudy(file, passphrase);
      session.open(opened);
      return info(opened);
    },
    'study.close': async () => {
      await close();
      return null;
    },
    'study.info': () => info(session.study()),
    'session.selectCoder': ({ code }) => {
      const { db } = session.study();
      const coder = getCoder(db, code);
      authorize(mayCodeAs(coder, consensusCoderCodes(db).has(coder.code)));
      session.selectCoder(coder);
      return coder;
    },
    'coders.list': () => {
      const { db } = session.study();
      const consensus = consensusCoderCodes(db);
      const retired = retiredCoderIds(db);
      return listCoders(db)
        .filter((c) => !retired.has(c.id))
        .map((c): StudyCoder => ({ ...c, consensus: consensus.has(c.code) }));
    },
    'coders.add': (input) => {
      const { db } = session.study();
      const studyHasLead = listCoders(db).some((c) => c.role === 'lead');
      authorize(mayAddCoder(session.chosen(), input.role ?? 'coder', studyHasLead));
      return addCoder(db, input, session.actor());
    },
    'scheme.get': () => getScheme(getSettings(session.study().db).schemeId),
    'settings.get': () => settingsView(session.study()),
    'settings.update': ({ segmentSeconds, minFinalSeconds, blindCoding }) => {
      const study = session.study();
      if (blindCoding !== undefined) authorize(leadOnly(session.coder(), 'turn blind coding on or off'));
      // Both changes or neither: a refused segment length must not leave blind coding changed.
      study.db.transaction(() => {
        if (blindCoding !== undefined) setBlindCoding(study.db, blindCoding, session.actor());
        if (segmentSeconds !== undefined || minFinalSeconds !== undefined)
          setSegmentGrid(study.db, { segmentSeconds, minFinalSeconds }, session.actor());
      })();
      return settingsView(study);
    },
  };
}
