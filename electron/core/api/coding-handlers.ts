// Channels of the coding screen. They act as the window's chosen coder and answer with the coding
// as committed. While coding is blind a coder sees only their own coding; a lead may look at anyone's.
// Writes go to the chosen coder's own coding, or, for a lead who names it with `coder`, to a consensus
// coding. Each request is authorized once, by authorization.ts's policy; the audit names the chosen coder.

import {
  addMark,
  changeMark,
  clearRating,
  confirmRatingsReviewed,
  codingView,
  completeCoding,
  deleteMark,
  getMark,
  importRatings,
  noSuchMark,
  redo,
  recordPlayed,
  reopenCoding,
  setRating,
  setSegmentNote,
  undo,
  type CodingView,
} from '../coding/index.ts';
import { AppError } from '../errors.ts';
import { getSettings } from '../store/settings.ts';
import { authorize, codingFacts, mayRead, mayReopen, mayWrite } from './authorization.ts';
import type { Implementations } from './implementation.ts';
import type { Session } from './session.ts';

type CodingChannels =
  | 'coding.view'
  | 'marks.add'
  | 'marks.change'
  | 'marks.delete'
  | 'marks.undo'
  | 'marks.redo'
  | 'ratings.set'
  | 'ratings.clear'
  | 'notes.setSegment'
  | 'segments.played'
  | 'ratings.reviewed'
  | 'ratings.setMany'
  | 'coding.complete'
  | 'coding.reopen';

export function codingHandlers(session: Session): Implementations<CodingChannels> {
  /** Whose coding a write acts on: the chosen coder's own, or the one named, if the policy lets them change it. */
  const target = (recording: string, coder: string | undefined): string => {
    const me = session.coder();
    if (coder === undefined || coder === me.code) return me.code;
    authorize(mayWrite(me, codingFacts(session.study().db, recording, coder)));
    return coder;
  };

  const blind = (): boolean => getSettings(session.study().db).blindCoding;

  /** A coding as it stands after a write. */
  const answer = (recording: string, coder: string): CodingView => codingView(session.study().db, recording, coder);

  /**
   * Runs a write on a mark only if its coding is one the chosen coder may change, then answers with that
   * coding. To a coder, another coder's mark is no mark at all: "not yours" would tell whose it is.
   */
  const onMark = (id: number, write: () => void): CodingView => {
    const mark = getMark(session.study().db, id);
    if (!mayRead(session.coder(), blind(), mark).allowed) throw noSuchMark(id);
    const coder = target(mark.recording, mark.coder);
    write();
    return answer(mark.recording, coder);
  };

  /** Runs a write on the coding named by `recording` and `coder`, then answers with it. */
  const onCoding = (recording: string, coder: string | undefined, write: (coder: string) => void): CodingView => {
    const whose = target(recording, coder);
    write(whose);
    return answer(recording, whose);
  };

  return {
    'coding.view': ({ recording, coder }) => {
      const whose = coder ?? session.coder().code;
      authorize(mayRead(session.coder(), blind(), { coder: whose }));
      return codingView(session.study().db, recording, whose);
    },
    'marks.add': ({ recording, coder, ...mark }) => {
      const whose = target(recording, coder);
      const added = addMark(session.study().db, recording, whose, mark, session.actor());
      return { ...answer(recording, whose), mark: added };
    },
    'marks.change': ({ id, ...patch }) => onMark(id, () => changeMark(session.study().db, id, patch, session.actor())),
    'marks.delete': ({ id }) => onMark(id, () => deleteMark(session.study().db, id, session.actor())),
    'marks.undo': ({ recording, coder }) => onCoding(recording, coder, (whose) => undo(session.study().db, recording, whose, session.actor())),
    'marks.redo': ({ recording, coder }) => onCoding(recording, coder, (whose) => redo(session.study().db, recording, whose, session.actor())),
    'ratings.set': ({ recording, coder, item, value }) =>
      onCoding(recording, coder, (whose) => setRating(session.study().db, recording, whose, item, value, session.actor())),
    'ratings.clear': ({ recording, coder, item }) =>
      onCoding(recording, coder, (whose) => clearRating(session.study().db, recording, whose, item, session.actor())),
    'notes.setSegment': ({ recording, coder, segment, note }) =>
      onCoding(recording, coder, (whose) => setSegmentNote(session.study().db, recording, whose, segment, note, session.actor())),
    'segments.played': ({ recording, coder, spans }) =>
      onCoding(recording, coder, (whose) => recordPlayed(session.study().db, recording, whose, spans, session.actor())),
    'ratings.setMany': ({ recording, coder, ratings }) =>
      onCoding(recording, coder, (whose) => {
        if (ratings.length === 0) throw new AppError('INVALID_INPUT', 'No ratings were given: name at least one item and its value.');
        importRatings(session.study().db, recording, whose, ratings, session.actor());
      }),
    'ratings.reviewed': ({ recording, coder }) =>
      onCoding(recording, coder, (whose) => confirmRatingsReviewed(session.study().db, recording, whose, session.actor())),
    'coding.complete': ({ recording, coder }) =>
      onCoding(recording, coder, (whose) => completeCoding(session.study().db, recording, whose, session.actor())),
    'coding.reopen': ({ recording, coder }) => {
      const { db } = session.study();
      authorize(mayReopen(session.coder(), codingFacts(db, recording, coder)));
      reopenCoding(db, recording, coder, session.actor());
      return codingView(db, recording, coder);
    },
  };
}
