// Keys of the global ratings screen: arrows move between items, 1–5 rate, Delete clears.

import type { Scheme } from '../../electron/core/scheme/types.ts';
import { useCoding } from '../state/coding.ts';
import { useUi } from '../state/ui.ts';
import { clamp } from '../timeline.ts';

const DIGIT = /^(?:Digit|Numpad)([1-9])$/;

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
  switch (press.code) {
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
      if (coding.view?.scoresheet.ratings[item.id] !== undefined) void coding.clearRating(item.id);
      return true;
    case 'Escape':
      ui.back();
      return true;
  }
  const digit = DIGIT.exec(press.code);
  if (!digit) return false;
  const value = Number(digit[1]);
  const scale = scheme.scales.find((s) => s.id === item.scale);
  if (scale && value >= scale.min && value <= scale.max) void coding.setRating(item.id, value);
  return true;
}
