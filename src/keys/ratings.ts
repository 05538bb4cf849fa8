// Keys of the global ratings screen: arrows move between items, 1–5 rate and move on, Delete clears, N offers
// to rate every marker type never marked in the session 1 (the manual's rule), Enter applies the offer.

import type { CodingView } from '../../electron/core/api/contract.ts';
import type { Scheme } from '../../electron/core/scheme/types.ts';
import { scaleOf } from '../scales.ts';
import { useCoding, type CodingState } from '../state/coding.ts';
import { useUi } from '../state/ui.ts';
import { clamp } from '../timeline.ts';

const DIGIT = /^(?:Digit|Numpad)([1-9])$/;

/**
 * Why the shown coding's ratings cannot change, or null when they can: it is signed off (complete), or it
 * is another coder's shown read-only. The form then shows its ratings without offering to change them.
 */
export function ratingsLock({ view, viewing, editable }: Pick<CodingState, 'view' | 'viewing' | 'editable'>): 'complete' | 'not-yours' | null {
  if (viewing !== null && !editable) return 'not-yours';
  return view?.scoresheet.state === 'complete' ? 'complete' : null;
}

/**
 * Refuses a rating key on a signed-off coding here, rather than sending a write the core is bound to refuse.
 * (Someone else's coding is refused by the coding store itself.)
 */
function refuseComplete({ recording, coder }: { recording: string; coder: string }): void {
  const message = `${recording}/${coder} is signed off as complete, so its ratings can no longer change. Reopen it first, under Status: its coder can until a lead has used it, a lead at any time.`;
  useCoding.setState({ error: { code: 'CONFLICT', message, action: 'rating' } });
}

/** Marker types with no mark in the session whose significance is not 1 yet: the manual rates them 1. */
export function unmarkedToRate(scheme: Scheme, view: CodingView): string[] {
  const marked = new Set(view.marks.map((m) => m.code));
  return scheme.codes.filter((c) => !marked.has(c.id) && view.scoresheet.ratings[c.id] !== 1).map((c) => c.id);
}

/** The offer to rate the unmarked types 1 is open: Enter applies it, Escape calls it off, every other key waits. */
function answerProposal(code: string, items: string[]): boolean {
  const ui = useUi.getState();
  if (code === 'Enter' || code === 'NumpadEnter') {
    ui.proposeUnmarked(null);
    if (items.length > 0) void useCoding.getState().setRatings(items.map((item) => ({ item, value: 1 })));
    return true;
  }
  if (code === 'Escape') {
    ui.proposeUnmarked(null);
    return true;
  }
  return false;
}

/** True when the press was a ratings key (the caller then prevents its default). */
export function handleRatingsKey(press: { code: string; key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, scheme: Scheme): boolean {
  if (press.ctrlKey || press.metaKey || press.altKey) return false;
  const ui = useUi.getState();
  const coding = useCoding.getState();
  const items = scheme.ratingItems;
  const index = clamp(ui.ratingIndex, 0, items.length - 1);
  const item = items[index];
  if (!item) return false;
  const move = (to: number) => ui.setRatingIndex(clamp(to, 0, items.length - 1));
  // The signed-off sheet, when the coding is complete: its rating keys are refused rather than sent.
  const signedOff = ratingsLock(coding) === 'complete' ? coding.view?.scoresheet : undefined;
  if (ui.unmarkedProposal) return answerProposal(press.code, ui.unmarkedProposal);
  switch (press.code) {
    case 'KeyN': {
      if (!coding.view) return true;
      if (signedOff) refuseComplete(signedOff);
      else if (ratingsLock(coding) === null) ui.proposeUnmarked(unmarkedToRate(scheme, coding.view));
      return true;
    }
    case 'ArrowDown':
      move(index + 1);
      return true;
    case 'ArrowUp':
      move(index - 1);
      return true;
    case 'Home':
      move(0);
      return true;
    case 'End':
      move(items.length - 1);
      return true;
    case 'Delete':
    case 'Backspace':
      if (coding.view?.scoresheet.ratings[item.id] === undefined) return true;
      if (signedOff) refuseComplete(signedOff);
      else void coding.clearRating(item.id);
      return true;
    case 'Escape':
      ui.back();
      return true;
  }
  const digit = DIGIT.exec(press.code);
  if (!digit) return false;
  const value = Number(digit[1]);
  const scale = scaleOf(scheme, item);
  if (!scale || value < scale.min || value > scale.max) return true;
  if (signedOff) refuseComplete(signedOff);
  else {
    void coding.setRating(item.id, value);
    move(index + 1);
  }
  return true;
}
