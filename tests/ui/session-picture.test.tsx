import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App.tsx';
import { axisStep } from '../../src/picture.ts';
import { goTo, openTestStudy, useTestStudies } from './support.ts';

const studies = useTestStudies(openTestStudy);

/** The session picture's time labels, in order, the unlabelled segments left out. */
async function axisLabels(segmentSeconds: number, durationMs: number): Promise<string[]> {
  await studies.open({ segmentSeconds, durationMs });
  goTo('recording');
  render(<App />);
  const picture = await screen.findByRole('figure', { name: 'Session picture' });
  return [...picture.querySelectorAll('.picture-axis')].map((el) => el.textContent ?? '').filter((t) => t !== '');
}

describe('the session picture’s time axis', () => {
  it('labels every segment of a session of few segments', async () => {
    expect(await axisLabels(300, 12 * 60_000)).toEqual(['0:00', '5:00', '10:00']);
  });

  it('labels a session of many short segments at a step a reader counts in, so the times never run together', async () => {
    // 12 minutes in 10-second segments: 72 segments, labelled every 5th (every 50 s).
    const labels = await axisLabels(10, 12 * 60_000);
    expect(labels.slice(0, 4)).toEqual(['0:00', '0:50', '1:40', '2:30']);
    expect(labels).toHaveLength(15);
  });

  it('never gives more than 16 labels, at any count', () => {
    for (let n = 1; n <= 2000; n++) expect(Math.ceil(n / axisStep(n)), `${n} segments`).toBeLessThanOrEqual(16);
    expect([1, 16, 17, 25, 72, 100, 400].map((n) => axisStep(n))).toEqual([1, 1, 2, 2, 5, 10, 30]);
  });
});
