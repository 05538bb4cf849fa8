// The global ratings by keyboard, what the form says about significance, and ratings made before the whole
// session was watched (manual l. 345–346: the global ratings come after watching and coding the whole session).

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { useCoding } from '../../src/state/coding.ts';
import { goTo, openTestStudy, RECORDING, useTestStudies, type OpenStudy, type StudySetup } from './support.ts';

const studies = useTestStudies(openTestStudy);
let open: OpenStudy;

/** A 10-minute recording in 2-minute segments, on the ratings screen. */
async function ratingsScreen(setup: StudySetup = {}) {
  open = await studies.open({ segmentSeconds: 120, durationMs: 10 * 60_000, ...setup });
  goTo('ratings');
  render(<App />);
  await screen.findByRole('radiogroup', { name: 'Denial' });
  return userEvent.setup();
}

const focusedItem = () => document.querySelector('.rating-row[aria-current="true"] .rating-label')?.firstChild?.textContent;
const storedRatings = async () => {
  const view = await open.handlers['coding.view']({ recording: RECORDING });
  return view.ok ? view.value.scoresheet.ratings : null;
};

/** Plays the whole recording through the api, as the player reports it. */
async function watchAll() {
  const played = await open.handlers['segments.played']({ recording: RECORDING, spans: [{ startMs: 0, endMs: 10 * 60_000 }] });
  expect(played.ok).toBe(true);
  await useCoding.getState().load(RECORDING);
}

describe('ratings by keyboard', () => {
  it('a digit rates the item and moves on to the next', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit1][Digit2][Digit1]');
    await waitFor(async () => expect(await storedRatings()).toEqual({ W1: 1, W2: 2, W3: 1 }));
    expect(focusedItem()).toBe('Avoidant storytelling and/or shifting topic');
  });

  it('N lists every type never marked before it rates them 1; Enter applies, and marked types are left alone', async () => {
    const user = await ratingsScreen({
      marks: [
        { code: 'W2', clarity: 'check', timeMs: 10_000 },
        { code: 'C1', clarity: 'check-minus', timeMs: 200_000 },
        { code: 'R4', clarity: 'check', timeMs: 210_000 },
      ],
    });
    await user.keyboard('[Digit3]'); // W1, never marked, rated 3 by hand: the offer includes it
    await waitFor(async () => expect(await storedRatings()).toEqual({ W1: 3 }));
    await user.keyboard('[KeyN]');
    const offer = await screen.findByRole('dialog', { name: 'Rate the types never marked' });
    expect(offer.textContent).toMatch(/these 21 types/);
    expect(within(offer).getByText(/^W1, W3, W4/).textContent).not.toMatch(/W2|C1|R4\b/);
    expect(await storedRatings()).toEqual({ W1: 3 });
    await user.keyboard('[Enter]');
    await waitFor(async () => expect(Object.keys((await storedRatings()) ?? {})).toHaveLength(21));
    const ratings = (await storedRatings())!;
    expect([ratings.W1, ratings.W7, ratings.C7, ratings.R10]).toEqual([1, 1, 1, 1]);
    expect([ratings.W2, ratings.C1, ratings.R4]).toEqual([undefined, undefined, undefined]);
    expect(screen.queryByRole('dialog', { name: 'Rate the types never marked' })).toBeNull();
  });

  it('Escape calls the offer off without rating anything', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[KeyN]');
    await screen.findByRole('dialog', { name: 'Rate the types never marked' });
    await user.keyboard('[Escape]');
    expect(screen.queryByRole('dialog', { name: 'Rate the types never marked' })).toBeNull();
    expect(await storedRatings()).toEqual({});
    // Still on the ratings screen: the Escape went to the offer.
    expect(screen.getByRole('radiogroup', { name: 'Denial' })).toBeTruthy();
  });

  it('Home and End go to the first and last items', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[End]');
    expect(focusedItem()).toBe('Therapist contribution');
    await user.keyboard('[Home]');
    expect(focusedItem()).toBe('Denial');
  });
});

describe('significance is not frequency (manual l. 379–380)', () => {
  it('the form says so once, where the ratings are made, and labels the segment counts as context', async () => {
    await ratingsScreen({ marks: [{ code: 'C1', clarity: 'check', timeMs: 10_000 }] });
    expect(screen.getAllByText(/not how often it occurred/)).toHaveLength(1);
    expect(screen.getByText(/as\s+context only: the segments it was marked in/)).toBeTruthy();
    const evidence = screen.getByRole('radiogroup', { name: 'Complaints/concerns about the therapist' }).closest('li')!.querySelector('.evidence')!;
    expect(evidence.getAttribute('title')).toMatch(/^Context: marked in 1 segment.*How often is not how significant\./);
  });
});

describe('ratings made before the whole session was watched stay flagged until reviewed (manual l. 345–346)', () => {
  it('flagged while watching the rest, still flagged once all is watched, until the coder confirms the review', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit2]');
    await screen.findByText('rated early');
    await watchAll();
    // Everything is watched now, yet W1 was rated before: it stays flagged, with the core's warning.
    await screen.findByText(/1 global rating was made before the whole session was watched \(W1\)/);
    expect(screen.getByText('rated early')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reviewed, keep them' }));
    await waitFor(() => expect(screen.queryByText('rated early')).toBeNull());
    expect(useCoding.getState().view?.scoresheet.warnings.filter((w) => w.rule === 'rated-before-watched')).toEqual([]);
  });

  it('rating the item again after watching is its review', async () => {
    const user = await ratingsScreen();
    await user.keyboard('[Digit2]');
    await screen.findByText('rated early');
    await watchAll();
    await user.keyboard('[Home][Digit3]');
    await waitFor(() => expect(screen.queryByText('rated early')).toBeNull());
  });
});
