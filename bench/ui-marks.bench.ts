// Keypress → mark painted, as a coder feels it: in headless Chromium running the built app against the real
// core (e2e harness), from the keydown event of a marker key to the frame that paints the cell's new state.
// The path measured is the whole app's: key handler → api call → encrypted write → CodingView → React render.
// The goal is relative to this browser on this machine in the same run: a bare page's keypress → paint (the floor).
import type { Browser, Page } from '@playwright/test';
import type { ApiHandlers } from '../electron/core/api/handlers.ts';
import { getScheme } from '../electron/core/scheme/index.ts';
import { launchApp } from '../tests/e2e/harness/launch.ts';
import { openCodingScreen } from '../tests/e2e/harness/seeded-study.ts';
import { WINDOW } from '../tests/e2e/harness/screens.ts';
import { type BenchResult, percentile, round } from './types.ts';

const PRESSES = 200;
/** What the app may add to the browser's own keypress → paint at p95. */
const FLOOR_MARGIN_MS = 2;
const WARM_UP = 10;
/** A 12-minute recording in 5-minute segments. */
const SEGMENTS = 3;
/**
 * `BENCH_TRACE=file.json npm run bench -- keypress` records Chromium's performance timeline of the app's page over
 * the timed presses (open it in DevTools' Performance panel): where each keypress's time goes, off by default.
 */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'toplevel',
  'latencyInfo',
  'input',
  'benchmark',
  'cc',
  'viz',
];

interface PressTiming {
  /** keydown → the cell's new label is in the DOM. */
  dom: number;
  /** keydown → the start of the frame that paints it (its requestAnimationFrame callback). */
  frame: number;
}

/** What the grid's cell says after `count` marks of `code` (all checks) in `segment` (1-based). */
const cellLabel = (code: string, segment: number, count: number): string =>
  `${code} in segment ${segment}: check${count > 1 ? `, ${count} marks` : ''}`;

/** Where a keypress's answer shows: the first element inside `container` whose `attribute` says `value`. */
interface Answer {
  container: string;
  attribute: string;
  value: string;
}

/** Arms the page to time its next keydown until `answer` is in the DOM, then presses `key`. */
async function timePress(page: Page, key: string, answer: Answer): Promise<PressTiming> {
  await page.evaluate(({ container, attribute, value }) => {
    const w = window as unknown as { __uiBench?: Promise<PressTiming> };
    w.__uiBench = new Promise<PressTiming>((resolve, reject) => {
      let t0 = Number.NaN;
      window.addEventListener('keydown', (e) => void (t0 = e.timeStamp), { capture: true, once: true });
      const box = document.querySelector(container);
      if (!box) return reject(new Error(`${container} is not on screen`));
      const timeout = setTimeout(() => reject(new Error(`nothing in ${container} became ${attribute}="${value}"`)), 5000);
      const observer = new MutationObserver(() => {
        if (!box.querySelector(`[${attribute}="${CSS.escape(value)}"]`)) return;
        observer.disconnect();
        clearTimeout(timeout);
        const dom = performance.now() - t0;
        requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
      });
      observer.observe(box, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [attribute] });
    });
  }, answer);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __uiBench: Promise<PressTiming> }).__uiBench);
}

/**
 * The floor under any keypress → paint in this browser: a bare page beside the app's, in the same Chromium, whose
 * only work is to add a line for each keydown. Timed as the app is (keydown → the line in the DOM → the frame that
 * paints it) and in turn with the app's presses, so both see the same machine: no app can paint a mark sooner.
 */
async function openFloorPage(browser: Browser): Promise<{ page: Page; press(n: number): Promise<PressTiming> }> {
  const page = await browser.newPage({ viewport: WINDOW });
  await page.setContent('<!doctype html><title>keypress floor</title><main></main>');
  await page.evaluate(() => {
    let n = 0;
    window.addEventListener('keydown', (e) => {
      const line = document.createElement('div');
      line.dataset.n = String(++n);
      line.textContent = e.code;
      document.querySelector('main')!.append(line);
    });
  });
  return { page, press: (n) => timePress(page, 'KeyX', { container: 'main', attribute: 'data-n', value: String(n) }) };
}

/**
 * The same floor inside the app's own page, a context figure: a keydown that changes the page at once, the app
 * never seeing the key, to the frame that paints it.
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

/** The page binding the transport floor is timed over: the harness's own kind of binding, answering with text. */
const ECHO = '__benchEcho';

/**
 * The harness's transport alone, carrying what a mark's answer carries: a binding of the same kind as the one
 * behind window.api (a CDP round trip), whose answer is `answer()` serialized as JSON, parsed again in the page
 * as window.api does. No core, no worker, no validation: no app code can answer a keypress through this harness
 * sooner than this. (Electron's IPC structured-clones the same answer in about a millisecond; this is not it.)
 */
async function transportFloor(page: Page, answer: () => unknown): Promise<() => Promise<number>> {
  await page.exposeBinding(ECHO, () => JSON.stringify(answer()));
  return () =>
    page.evaluate(async (name) => {
      const echo = (window as unknown as Record<string, () => Promise<string>>)[name]!;
      const t0 = performance.now();
      JSON.parse(await echo());
      return performance.now() - t0;
    }, ECHO);
}

export async function uiMarks(): Promise<BenchResult[]> {
  const launched = await launchApp({ headless: true, segmentSeconds: 300, clipSeconds: 12 * 60 });
  try {
    const { page, app, study, browser } = launched;
    await openCodingScreen(page, study);
    const floor = await openFloorPage(browser);
    // The transport floor carries the coding as it stands after the last press (a mark's answer is that and the
    // new mark, some 130 bytes more), timed after each press as the floor page is, so all three see the same machine.
    let latest: unknown = null;
    const echo = await transportFloor(page, () => latest);

    // Every marker key in turn (Playwright names keys by KeyboardEvent.code, as the scheme's defaults are),
    // the marks spread over the recording's three segments (`]`, not timed, moves on), so cells fill up and
    // the segment's list of marks grows as in a busy session.
    const codes = getScheme('3rs-2015').codes;
    const perSegment = Math.ceil((WARM_UP + PRESSES) / SEGMENTS);
    const counts = new Map<string, number>();
    const dom: number[] = [];
    const frame: number[] = [];
    const floorFrame: number[] = [];
    const transport: number[] = [];
    const trace = process.env.BENCH_TRACE;
    for (let i = 0; i < WARM_UP + PRESSES; i++) {
      if (trace && i === WARM_UP) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
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
      const timing = await timePress(page, code.defaultKey, {
        container: 'table.scoresheet',
        attribute: 'aria-label',
        value: cellLabel(code.id, segment, count),
      });
      const bareTiming = await floor.press(i + 1);
      latest = await app.handlers['coding.view']({ recording: study.recording });
      const echoed = await echo();
      if (i < WARM_UP) continue;
      dom.push(timing.dom);
      frame.push(timing.frame);
      floorFrame.push(bareTiming.frame);
      transport.push(echoed);
    }
    if (trace) await browser.stopTracing();
    await floor.page.close();
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
    const floorP95 = percentile(floorFrame, 95);
    // What no app could pass in this harness: the bare page's keypress → paint with the transport of the answer
    // added, press by press (each bare press with the transport timed beside it).
    const harnessFloorP95 = percentile(
      floorFrame.map((t, i) => t + transport[i]!),
      95,
    );
    return [
      { name: `keypress → mark in the DOM p50 (${label})`, value: round(percentile(dom, 50), 1), unit: 'ms', goal: '—', ok: true },
      { name: `keypress → mark in the DOM p95 (${label})`, value: round(percentile(dom, 95), 1), unit: 'ms', goal: '—', ok: true },
      { name: `keypress → mark painted p50 (${label})`, value: round(percentile(frame, 50), 1), unit: 'ms', goal: '—', ok: true },
      {
        name: `keypress → mark painted p95 (${label})`,
        value: round(p95, 1),
        unit: 'ms',
        goal: `≤ the floor’s p95 + ${FLOOR_MARGIN_MS} ms (${round(floorP95 + FLOOR_MARGIN_MS, 1)} ms); this harness’s floor: ${round(harnessFloorP95, 1)} ms`,
        ok: p95 <= floorP95 + FLOOR_MARGIN_MS,
      },
      {
        name: 'keypress → line painted p50 (the floor: a bare page, in turn with the app’s presses)',
        value: round(percentile(floorFrame, 50), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'keypress → line painted p95 (the floor: a bare page, in turn with the app’s presses)',
        value: round(floorP95, 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: harness transport of the same answer p50 (binding round trip carrying the coding as JSON, no core)',
        value: round(percentile(transport, 50), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: harness transport of the same answer p95 (binding round trip carrying the coding as JSON, no core)',
        value: round(percentile(transport, 95), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: this harness’s floor p95 (the bare page’s keypress → paint + the transport, press by press)',
        value: round(harnessFloorP95, 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: keypress → frame in the app’s page with no app work p50',
        value: round(percentile(bare, 50), 1),
        unit: 'ms',
        goal: '—',
        ok: true,
      },
      {
        name: 'context: keypress → frame in the app’s page with no app work p95',
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
