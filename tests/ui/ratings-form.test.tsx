import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { rateTheRestThrough } from '../helpers/ratings.ts';
import { goTo, openTestStudy, RECORDING, spyOnChannel, useTestStudies, type OpenStudy, type StudySetup } from './support.ts';

const studies = useTestStudies(openTestStudy);
let open: OpenStudy | undefined;

async function ratingsScreen(setup: StudySetup = {}) {
  open = await studies.open({ segmentSeconds: 120, durationMs: 10 * 60_000, ...setup });
  goTo('ratings');
  render(<App />);
  await screen.findByRole('radiogroup', { name: 'Denial' });
  return userEvent.setup();
}

const focusedItem = () => document.querySelector('.rating-row[aria-current="true"] .rating-label')?.textContent;
const chosen = (label: string) =>
  within(screen.getByRole('radiogroup', { name: label })).queryByRole('radio', { checked: true })?.textContent ?? null;
const warnings = () =>
  screen
    .queryAllByRole('listitem')
    .filter((li) => li.classList.contains('warning'))
    .map((li) => li.textContent ?? '');
const storedRatings = async () => {
  const view = await open!.handlers['coding.view']({ recording: RECORDING });
  return view.ok ? view.value.scoresheet.ratings : null;
};

/** Rates every item not rated yet (completing is refused while one is missing), then signs off through the confirmation. */
async function signOff(user: ReturnType<typeof userEvent.setup>) {
  await rateTheRestThrough(open!.handlers, RECORDING);
  await act(() => useCoding.getState().load(RECORDING));
  await user.click(await screen.findByRole('button', { name: 'Complete' }));
  await user.click(await screen.findByRole('button', { name: /^Sign off/ }));
  await screen.findByText(/This coding is signed off/);
}

describe('the global ratings form', () => {
  it('lists all 28 items, grouped as on the paper form', async () => {
    await ratingsScreen();
    expect(screen.getAllByRole('radiogroup')).toHaveLength(28);
    const groups = ['Withdrawal: significance', 'Confrontation: significance', 'Resolution strategies: significance', 'Overall'];
    expect(groups.map((name) => within(screen.getByRole('region', { name })).getAllByRole('radiogroup').length)).toEqual([7, 7, 10, 4]);
  });

  it('moves with the arrow keys and rates the focused item with a digit, saved by the core, then moves to the next item', async () => {
    const user = await ratingsScreen();
    expect(focusedItem()).toBe('Denial');
    await user.keyboard('[ArrowDown][ArrowDown]');
    expect(focusedItem()).toBe('Abstract communication');
    await user.keyboard('[Digit1]');
    await screen.findByRole('radio', { name: '1', checked: true });
    expect(chosen('Abstract communication')).toBe('1');
    expect(await storedRatings()).toEqual({ W3: 1 });
    expect(focusedItem()).toBe('Avoidant storytelling and/or shifting topic');
    await user.keyboard('[ArrowUp][ArrowUp][Numpad2]');
    await within(screen.getByRole('radiogroup', { name: 'Minimal response' })).findByRole('radio', { name: '2', checked: true });
    expect(await storedRatings()).toEqual({ W2: 2, W3: 1 });
    await user.keyboard('[End]');
    expect(focusedItem()).toBe('Therapist contribution');
    await user.keyboard('[Digit9]');
    expect(chosen('Therapist contribution')).toBeNull();
  });

  it('Delete clears the focused item’s rating', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit4]');
    await screen.findByRole('radio', { name: '4', checked: true });
    await user.keyboard('[ArrowUp][Delete]');
    await waitFor(() => expect(chosen('Denial')).toBeNull());
    expect(await storedRatings()).toEqual({});
  });

  it('shows beside each marker type how many segments it was marked in and its strongest clarity', async () => {
    await ratingsScreen({
      marks: [
        { code: 'C1', clarity: 'check-minus', timeMs: 10_000 },
        { code: 'C1', clarity: 'check', timeMs: 20_000 },
        { code: 'C1', clarity: 'check-minus', timeMs: 300_000 },
        { code: 'W4', clarity: 'check-minus', timeMs: 200_000 },
      ],
    });
    const evidence = (label: string) => screen.getByRole('radiogroup', { name: label }).closest('li')!.querySelector('.evidence')!.textContent;
    expect(evidence('Complaints/concerns about the therapist')).toBe('2 seg ✓');
    expect(evidence('Avoidant storytelling and/or shifting topic')).toBe('1 seg ✓−');
    expect(evidence('Denial')).toBe('not marked');
    expect(evidence('Overall confrontation')).toBe('2 seg ✓');
  });

  it('shows the scale anchors of the focused item', async () => {
    const user = await ratingsScreen();
    // The scale's card is named after the focused item.
    expect(within(screen.getByRole('region', { name: 'Denial' })).getByText('No significance')).toBeTruthy();
    await user.keyboard('[End][ArrowUp]');
    expect(focusedItem()).toBe('Overall resolution');
    const scale = screen.getByRole('region', { name: 'Overall resolution' });
    expect(within(scale).getByText('OK, typical resolution / workable alliance')).toBeTruthy();
    expect(within(scale).getByText(/start from 3/)).toBeTruthy();
  });

  it('a warning appears live when a rating breaks a rule and goes when it is fixed', async () => {
    const user = await ratingsScreen();
    expect(warnings()).toEqual([]);
    await user.keyboard('[Digit3]');
    await screen.findByText(/W1 \(Denial\) was never marked in this session but its significance is rated 3/);
    await user.keyboard('[ArrowUp][Digit1]');
    await screen.findByRole('radio', { name: '1', checked: true });
    expect(warnings().some((w) => w.includes('W1 (Denial)'))).toBe(false);
  });

  it('names the unwatched segments before any rating, and the core’s warning once ratings are made early', async () => {
    const user = await ratingsScreen();
    expect(screen.getByText(/Not watched yet: segments 1–5\./)).toBeTruthy();
    await user.keyboard('[Digit1]');
    await screen.findByText(/Global ratings were made before the whole session was watched: segments 1 to 5 not watched yet/);
  });

  it('Complete signs the coding off; the form then says so', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit3]'); // a coding with nothing in it cannot be signed off
    await screen.findByRole('radio', { name: '3', checked: true });
    await signOff(user);
    expect(useCoding.getState().view?.scoresheet.state).toBe('complete');
    // Its own coder may take the sign-off back until a lead has used the coding.
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeTruthy();
    await user.keyboard('[Digit2]');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /is signed off as complete, so its ratings can no longer change\. Reopen it first, under Status: its coder can until a lead has used it, a lead at any time\./,
    );
  });

  it('after Complete the form is read-only: its buttons are disabled, and a rating key changes nothing and writes nothing', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit3]');
    await screen.findByRole('radio', { name: '3', checked: true });
    await signOff(user);
    expect(screen.getByText(/signed off, so its ratings can no longer change/)).toBeTruthy();

    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(28 * 5);
    expect(radios.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(screen.getByRole('radiogroup', { name: 'Denial' }).getAttribute('aria-disabled')).toBe('true');
    const clears = screen.getAllByRole('button', { name: /^Clear / });
    expect(clears.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);

    const set = spyOnChannel(open!.handlers, 'ratings.set');
    const clear = spyOnChannel(open!.handlers, 'ratings.clear');
    await user.click(within(screen.getByRole('radiogroup', { name: 'Denial' })).getByRole('radio', { name: '5' }));
    await user.keyboard('[Digit2]');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /is signed off as complete, so its ratings can no longer change\. Reopen it first, under Status: its coder can until a lead has used it, a lead at any time\./,
    );
    await user.keyboard('[Delete]');
    expect(set).not.toHaveBeenCalled();
    expect(clear).not.toHaveBeenCalled();
    expect(chosen('Denial')).toBe('3');
    expect(await storedRatings()).toMatchObject({ W1: 3, W2: 1 });
    // Moving on to read the other items' scales still works (the rating moved the focus on to Minimal response).
    await user.keyboard('[ArrowDown]');
    expect(focusedItem()).toMatch(/^Abstract communication/);
  });

  it('an empty coding is not signed off: Complete says every rating is still missing and offers no sign-off', async () => {
    const user = await ratingsScreen();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Not ready to sign off' });
    expect(dialog.textContent).toMatch(/28 of the 28 global ratings are missing: Denial, Minimal response, .* and 22 more\. Rate every item/);
    expect(within(dialog).queryByRole('button', { name: /^Sign off/ })).toBeNull();
    expect(useCoding.getState().view?.scoresheet.state).toBe('not-started');
  });

  it('a lead sees Reopen on a completed coding, and reopening makes it editable again', async () => {
    const user = await ratingsScreen({ role: 'lead' });
    await user.keyboard('[Digit3]');
    await screen.findByRole('radio', { name: '3', checked: true });
    await signOff(user);
    await user.click(await screen.findByRole('button', { name: 'Reopen' }));
    await screen.findByRole('button', { name: 'Complete' });
    expect(useCoding.getState().view?.scoresheet.state).toBe('in-progress');
  });
});
