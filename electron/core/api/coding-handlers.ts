// Channels of the coding screen. They act as the window's chosen coder and answer with the coding
// as committed. Blind coding: a coder sees only their own coding; a lead may look at anyone's.

import {
  addMark,
  changeMark,
  clearRating,
  codingView,
  completeCoding,
  deleteMark,
  getMark,
  markSegmentWatched,
  redo,
  reopenCoding,
  setRating,
  setSegmentNote,
  undo,
  type CodingView,
} from '../coding/index.ts';
import { AppError } from '../errors.ts';
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
  | 'segments.watched'
  | 'coding.complete'
  | 'coding.reopen';

export function codingHandlers(session: Session): Implementations<CodingChannels> {
  /** The chosen coder's own coding of a recording, after a write. */
  const own = (recording: string): CodingView => codingView(session.study().db, recording, session.coder().code);

  /** Runs a write on a mark only if it belongs to the chosen coder, then answers with that coding. */
  const onOwnMark = (id: number, write: () => void): CodingView => {
    const mark = getMark(session.study().db, id);
    if (mark.coder !== session.coder().code) {
      throw new AppError('FORBIDDEN', `Mark ${id} belongs to coder ${mark.coder}; you can change only your own marks.`);
    }
    write();
    return own(mark.recording);
  };

  return {
    'coding.view': ({ recording, coder }) => {
      const me = session.coder();
      const whose = coder ?? me.code;
      if (whose !== me.code && me.role !== 'lead') {
        throw new AppError('FORBIDDEN', 'Coding is blind: only a lead can look at another coder’s coding.');
      }
      return codingView(session.study().db, recording, whose);
    },
    'marks.add': ({ recording, ...mark }) => {
      const { db } = session.study();
      const added = addMark(db, recording, session.coder().code, mark, session.actor());
      return { ...own(recording), mark: added };
    },
    'marks.change': ({ id, ...patch }) => onOwnMark(id, () => changeMark(session.study().db, id, patch, session.actor())),
    'marks.delete': ({ id }) => onOwnMark(id, () => deleteMark(session.study().db, id, session.actor())),
    'marks.undo': ({ recording }) => {
      undo(session.study().db, recording, session.coder().code, session.actor());
      return own(recording);
    },
    'marks.redo': ({ recording }) => {
      redo(session.study().db, recording, session.coder().code, session.actor());
      return own(recording);
    },
    'ratings.set': ({ recording, item, value }) => {
      setRating(session.study().db, recording, session.coder().code, item, value, session.actor());
      return own(recording);
    },
    'ratings.clear': ({ recording, item }) => {
      clearRating(session.study().db, recording, session.coder().code, item, session.actor());
      return own(recording);
    },
    'notes.setSegment': ({ recording, segment, note }) => {
      setSegmentNote(session.study().db, recording, session.coder().code, segment, note, session.actor());
      return own(recording);
    },
    'segments.watched': ({ recording, segment }) => {
      markSegmentWatched(session.study().db, recording, session.coder().code, segment, session.actor());
      return own(recording);
    },
    'coding.complete': ({ recording }) => {
      completeCoding(session.study().db, recording, session.coder().code, session.actor());
      return own(recording);
    },
    'coding.reopen': ({ recording, coder }) => {
      const { db } = session.study();
      reopenCoding(db, recording, coder, session.actor());
      return codingView(db, recording, coder);
    },
  };
}
