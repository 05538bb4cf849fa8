// Channels of the lead's review tools and of training: reliability, two codings side by side, consensus,
// a trainee's check against a reference coding, and the de-identified export. Blind coding holds here
// too (see authorization.ts): while it is on, what shows other coders' work is for a lead, except a
// trainee's check of their completed coding against a lead's or a consensus coding, which is what
// training is for. The reliability report, the consensus and the export are a lead's either way.

import { join } from 'node:path';
import { codingsOf, codingView, eachPair, getCodingState, recordCodingUse } from '../coding/index.ts';
import { compareCodings, compareToReference } from '../compare/index.ts';
import { consensusCodersOf, startConsensus } from '../consensus/index.ts';
import { AppError } from '../errors.ts';
import { exportEaf, exportStudyAsync, writeNewFile } from '../export/index.ts';
import { userPath } from '../io/user-path.ts';
import { reliabilityReport } from '../reliability/index.ts';
import { findCoder } from '../store/coders.ts';
import { getSettings } from '../store/settings.ts';
import { authorize, codingFacts, knowsOf, leadOnly, mayCompare, mayTrainAgainst, seesOthers } from './authorization.ts';
import type { CodingChoice } from './contract.ts';
import type { Implementations } from './implementation.ts';
import type { Jobs } from './jobs.ts';
import type { Session } from './session.ts';

type ReviewChannels =
  'reliability.report' | 'review.codings' | 'compare.codings' | 'consensus.start' | 'training.compare' | 'export.run' | 'export.eaf';

/** Export folders are named by the user: a relative path would land wherever the app happened to start. */
const absoluteFolder = (dir: string): string => userPath(dir, 'folder');

export function reviewHandlers(session: Session, jobs: Jobs): Implementations<ReviewChannels> {
  const asLead = (what: string): void => authorize(leadOnly(session.coder(), what));

  return {
    'reliability.report': ({ coders, recordings, checkMinus, includeUnfinished }) => {
      asLead('see the reliability report');
      return reliabilityReport(session.study().db, { coders, recordings, checkMinus, includeUnfinished });
    },

    'review.codings': ({ recording }) => {
      const { db } = session.study();
      const me = session.coder();
      const consensus = consensusCodersOf(db, recording);
      const choices = codingsOf(db, recording).map((c): CodingChoice => {
        const coder = findCoder(db, c.coder)!;
        return { coder: c.coder, name: coder.name, role: coder.role, state: c.state, consensus: consensus.has(c.coder) };
      });
      // While coding is blind a coder learns only which reference codings exist to train against, and their own.
      const { blindCoding } = getSettings(db);
      return choices.filter((c) => knowsOf(me, blindCoding, { coder: c.coder, coderRole: c.role, kind: c.consensus ? 'consensus' : 'own' }));
    },

    'compare.codings': ({ recording, coderA, coderB, checkMinus }) => {
      const { db } = session.study();
      authorize(mayCompare(session.coder(), getSettings(db).blindCoding));
      const compared = compareCodings(db, recording, coderA, coderB, { checkMinus });
      // A lead's comparison may rest on the codings as they are: their coders no longer reopen them alone.
      if (session.coder().role === 'lead')
        recordCodingUse(
          db,
          [coderA, coderB].map((coder) => ({ recording, coder })),
          'compare',
          session.actor(),
        );
      return compared;
    },

    'consensus.start': ({ recording, fromCoder, consensusCode }) => {
      asLead('start a consensus coding');
      const { db } = session.study();
      const started = startConsensus(db, recording, fromCoder, { consensusCode, actor: session.actor() });
      return codingView(db, started.recording, started.coder);
    },

    'training.compare': ({ recording, trainee, reference, checkMinus }) => {
      const me = session.coder();
      const { db } = session.study();
      const { blindCoding } = getSettings(db);
      const ref = findCoder(db, reference) && codingFacts(db, recording, reference);
      authorize(mayTrainAgainst(me, blindCoding, trainee, ref, reference));
      if (!seesOthers(me, blindCoding)) {
        // The check shows the reference's marks and ratings; seen while the trainee can still change their
        // own coding, they would be copied into it. A complete coding opens again only by a lead's hand.
        if (getCodingState(db, recording, me.code) !== 'complete') {
          throw new AppError(
            'CONFLICT',
            `Mark your coding of ${recording} complete first: the check shows the reference’s marks and ratings, and your coding must be all your own before you see them.`,
          );
        }
      }
      const checked = compareToReference(db, { recording, trainee, reference, checkMinus });
      // The trainee has now seen the reference: reopening to copy from it takes a lead.
      recordCodingUse(db, [{ recording, coder: trainee }], 'training', session.actor());
      return checked;
    },

    'export.run': ({ outDir, format, includeNotes, recordings, coders, checkMinus, includeUnfinished }) => {
      asLead('export the study (it holds every coder’s coding)');
      const { db } = session.study();
      const actor = session.actor();
      const dir = absoluteFolder(outDir);
      // Done, the job carries the export's summary: the manifest of the files written.
      return jobs.start('export', async ({ report, signal }) => {
        const result = await exportStudyAsync(
          db,
          { outDir: dir, format, includeNotes, recordings, coders, checkMinus, includeUnfinished },
          { onProgress: ({ stage, percent }) => report({ stage, percent, etaSeconds: null }), signal },
        );
        recordCodingUse(db, eachPair(result.manifest.recordings, result.manifest.coders), 'export', actor);
        return result;
      });
    },

    'export.eaf': ({ recording, outDir, coders }) => {
      asLead('export codings to ELAN (the file holds every chosen coder’s marks)');
      const doc = exportEaf(session.study().db, recording, coders === undefined ? {} : { coders });
      const path = join(absoluteFolder(outDir), `${doc.recording}.eaf`);
      writeNewFile(path, Buffer.from(doc.xml, 'utf8'));
      return { path, tiers: doc.tiers, annotations: doc.annotations };
    },
  };
}
