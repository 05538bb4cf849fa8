// Keypress → mark painted, as a coder feels it: in headless Chromium running the built app against the real
// core (e2e harness), from the keydown event of a marker key to the frame that paints the cell's new state.
// The path measured is the whole app's: key handler → api call → encrypted write → CodingView → React render.
import type { Page } from '@playwright/test';
import type { ApiHandlers } from '../electron/core/api/handlers.ts';
import { getScheme } from '../electron/core/scheme/index.ts';
import { launchApp } from '../tests/e2e/harness/launch.ts';
import { openCodingScreen } from '../tests/e2e/harness/seeded-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

const PRESSES = 200;
const WARM_UP = 10;
/** A 12-minute recording in 5-minute segments. */
const SEGMENTS = 3;

interface PressTiming {
  /** keydown → the cell's new label is in the DOM. */
  dom: number;
  /** keydown → the start of the frame that paints it (its requestAnimationFrame callback). */
  frame: number;
}

/** What the grid's cell says after `count` marks of `code` (all checks) in `segment` (1-based). */
const cellLabel = (code: string, segment: number, count: number): string =>
  `${code} in segment ${segment}: check${count > 1 ? `, ${count} marks` : ''}`;

/** Arms the page to time the next marker key until `label` is on a grid cell, then presses `key`. */
async function timePress(page: Page, key: string, label: string): Promise<PressTiming> {
  await page.evaluate((expected) => {
    const w = window as unknown as { __uiBench?: Promise<PressTiming> };
    w.__uiBench = new Promise<PressTiming>((resolve, reject) => {
      let t0 = Number.NaN;
      window.addEventListener('keydown', (e) => void (t0 = e.timeStamp), { capture: true, once: true });
      const table = document.querySelector('table.scoresheet');
      if (!table) return reject(new Error('the scoresheet is not on screen'));
      const timeout = setTimeout(() => reject(new Error(`no cell became "${expected}"`)), 5000);
      const observer = new MutationObserver(() => {
        if (!table.querySelector(`td[aria-label="${CSS.escape(expected)}"]`)) return;
        observer.disconnect();
        clearTimeout(timeout);
        const dom = performance.now() - t0;
        requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
      });
      observer.observe(table, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'] });
    });
  }, label);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __uiBench: Promise<PressTiming> }).__uiBench);
}

/**
 * The floor under any keypress → paint in this browser: a keydown that changes the page at once, with no
 * app work (the app never sees the key), to the frame that paints it. No app can paint a mark sooner.
 */
async function timeBareFrame(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __uiFloor?: Promise<number> };
    w.__uiFloor = new Promise<number>((resolve) => {
      const onKey = (e: KeyboardEvent) => {
        e.stopImmediatePropagation();
        e.preventDefault();
        const change = document.body.appendChild(document.createElement('div'));
        change.textContent = '·';
        requestAnimationFrame(() => {
          resolve(performance.now() - e.timeStamp);
          change.remove();
        });
      };
      window.addEventListener('keydown', onKey, { capture: true, once: true });
    });
  });
  await page.keyboard.press('KeyX');
  return page.evaluate(() => (window as unknown as { __uiFloor: Promise<number> }).__uiFloor);
}

const SAMPLES = 50;

/** Round trips of a read-only channel from the page, through the harness's page binding (CDP). */
async function pageRoundTrips(page: Page, recording: string | null): Promise<number[]> {
  return page.evaluate(
    async ({ recording, samples }) => {
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        await (recording === null ? window.api['settings.get']({}) : window.api['coding.view']({ recording }));
        times.push(performance.now() - t0);
      }
      return times;
    },
    { recording, samples: SAMPLES },
  );
}

/** The same read in the core alone, without any transport. */
async function coreTimes(handlers: ApiHandlers, recording: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await handlers['coding.view']({ recording });
    times.push(performance.now() - t0);
  }
  return times;
}

export async function uiMarks(): Promise<BenchResult[]> {
  const launched = await launchApp({ headless: true, segmentSeconds: 300, clipSeconds: 12 * 60 });
  try {
    const { page, app, study } = launched;
    await openCodingScreen(page, study);

    // Every marker key in turn (Playwright names keys by KeyboardEvent.code, as the scheme's defaults are),
    // the marks spread over the recording's three segments (`]`, not timed, moves on), so cells fill up and
    // the segment's list of marks grows as in a busy session.
    const codes = getScheme('3rs-2015').codes;
    const perSegment = Math.ceil((WARM_UP + PRESSES) / SEGMENTS);
    const counts = new Map<string, number>();
    const dom: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < WARM_UP + PRESSES; i++) {
      const segment = Math.floor(i / perSegment) + 1;
      if (i > 0 && i % perSegment === 0) {
        await page.keyboard.press('BracketRight');
        await page
          .getByRole('group', { name: 'Playhead' })
          .filter({ hasText: `Segment ${segment} of ${SEGMENTS}` })
          .waitFor();
      }
      const code = codes[i % codes.length]!;
      const key = `${code.id}@${segment}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      const timing = await timePress(page, code.defaultKey, cellLabel(code.id, segment, count));
      if (i < WARM_UP) continue;
      dom.push(timing.dom);
      frame.push(timing.frame);
    }
    const bare: number[] = [];
    for (let i = 0; i < WARM_UP + PRESSES; i++) {
      const t = await timeBareFrame(page);
      if (i >= WARM_UP) bare.push(t);
    }
    // What the harness adds that Electron does not: its page binding goes through CDP, and every mark's answer
    // is the whole coding (a CodingView of some 200 marks here), which crosses it as serialized JSON.
    const noop = percentile(await pageRoundTrips(page, null), 50);
    const viewInPage = percentile(await pageRoundTrips(page, study.recording), 50);
    const viewInCore = percentile(await coreTimes(app.handlers, study.recording), 50);
    if (app.station.offOrigin().length > 0) throw new Error(`the page left the app: ${app.station.offOrigin().join(', ')}`);
    if (app.problems.length > 0) throw new Error(`the page reported errors: ${app.problems.join('; ')}`);

    const label = `${PRESSES} marker keys, real core, Chromium`;
    const p95 = percentile(frame, 95);
    return [
      { name: `keypress → mark in the DOM p50 (${label})`, value: round(percentile(dom, 50), 1), unit: 'ms', goal: '—', ok: true },
      { name: `keypress → mark in the DOM p95 (${label})`, value: round(percentile(dom, 95), 1), unit: 'ms', goal: '—', ok: true },
      { name: `keypress → mark painted p50 (${label})`, value: round(percentile(frame, 50), 1), unit: 'ms', goal: '—', ok: true },
      { name: `keypress → mark painted p95 (${label})`, value: round(p95, 1), unit: 'ms', goal: '< 16 ms', ok: p95 < 16 },
      {
        name: 'context: keypress → frame with no app work p50 (this browser’s floor)',
        value: round(percentile(bare, 50), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: keypress → frame with no app work p95 (this browser’s floor)',
        value: round(percentile(bare, 95), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      { name: 'context: no-op api round trip from the page p50 (harness binding over CDP)', value: round(noop, 1), unit: 'ms', goal: '—', ok: true },
      { name: 'context: coding.view in the core alone p50 (200+ marks)', value: round(viewInCore, 1), unit: 'ms', goal: '—', ok: true },
      {
        name: 'context: coding.view round trip from the page p50 (core + harness transport)',
        value: round(viewInPage, 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
    ];
  } finally {
    await launched.close();
  }
}
