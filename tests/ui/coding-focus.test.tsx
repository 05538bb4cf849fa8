// Focus can never swallow a mark: whatever control on the coding screen was used last, the next marker key marks.
// Text fields (notes) are the one exception: typing a note must never mark.

import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useCoding } from '../../src/state/coding.ts';
import { usePlayer } from '../../src/state/player.ts';
import { openTestStudy, renderCodingScreen, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

async function codingScreen() {
  await studies.open({ segmentSeconds: 120, marks: [{ code: 'W1', clarity: 'check', timeMs: 5_000 }] });
  await renderCodingScreen();
  await screen.findByRole('list', { name: 'Marks in segment 1' });
  return userEvent.setup();
}

const markCount = () => useCoding.getState().view?.marks.length ?? 0;

/** Every control of the coding screen that takes focus and is not a text field. */
function controls(): HTMLElement[] {
  const all = [...document.querySelectorAll<HTMLElement>('button, select, input, [tabindex]')];
  return all.filter((el) => {
    if ((el as HTMLButtonElement).disabled) return false;
    if (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(el.type)) return false;
    return !(el instanceof HTMLTextAreaElement);
  });
}

describe('focus never swallows a mark on the coding screen', () => {
  it('with each control focused in turn, a marker key still marks', async () => {
    const user = await codingScreen();
    const found = controls();
    // The speed select, the pause setting and the transport buttons are all among them.
    expect(found.some((el) => el instanceof HTMLSelectElement)).toBe(true);
    expect(found.some((el) => el instanceof HTMLInputElement && el.type === 'checkbox')).toBe(true);
    expect(found.length).toBeGreaterThan(12);
    for (const [i, control] of found.entries()) {
      const before = markCount();
      act(() => control.focus());
      await user.keyboard('[KeyQ]');
      await waitFor(() => expect(markCount(), `${control.outerHTML.slice(0, 80)} (control ${i + 1})`).toBe(before + 1));
    }
  });

  it('after the speed is chosen, focus goes back to the player: a marker key marks and does not change the speed by type-ahead', async () => {
    const user = await codingScreen();
    const speed = screen.getByRole('combobox', { name: 'Speed' }) as HTMLSelectElement;
    await user.selectOptions(speed, '1.5');
    expect(usePlayer.getState().rate).toBe(1.5);
    expect(document.activeElement).not.toBe(speed);
    await user.keyboard('[Digit2]');
    await waitFor(() =>
      expect(
        useCoding
          .getState()
          .view?.marks.map((m) => m.code)
          .sort(),
      ).toEqual(['W1', 'W2']),
    );
    expect(usePlayer.getState().rate).toBe(1.5);
  });

  it('a focused select takes ↑/↓ and nothing else: Space plays, a digit marks, a letter does not type-ahead', async () => {
    const user = await codingScreen();
    const speed = screen.getByRole('combobox', { name: 'Speed' }) as HTMLSelectElement;
    act(() => speed.focus());
    await user.keyboard('[Digit3]');
    await waitFor(() => expect(markCount()).toBe(2));
    await user.keyboard('[KeyZ]');
    expect(speed.value).toBe('1');
    await user.keyboard('[Space]');
    // No media in this test: Space reaching the player shows as its message that nothing can play yet.
    expect(usePlayer.getState().error).toMatch(/No playable video/);
  });

  it('typing in a note never marks', async () => {
    const user = await codingScreen();
    await user.click(screen.getByRole('textbox', { name: 'Note on segment 1' }));
    await user.keyboard('quiet start');
    expect(markCount()).toBe(1);
  });
});
