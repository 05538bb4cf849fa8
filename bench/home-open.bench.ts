// Opening a lab-sized study, as a lead feels it: in headless Chromium running the built app against the real core
// (e2e harness), from pressing Unlock to the home's list of recordings painted, for a study of 2,000 recordings
// coded by four coders against the same with 20. The two sizes take turns, so both see the same machine.
// Two stretches are timed in the page, each from the click's event to the frame that paints its answer: Unlock →
// "Who is coding?" (opening the file: the key's derivation, the migrations check, the study's facts), and the
// lead's code → the home's list (the study's facts, coders, recordings with every coding's state). Their sum is
// the time to open; the robot's own steps between the two (finding and clicking the button) are not counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildApp, openApp, type AppWindow } from '../tests/e2e/harness/app.ts';
import { CHROMIUM_LAUNCH } from '../tests/e2e/harness/chromium.ts';
import { WINDOW } from '../tests/e2e/harness/screens.ts';
import { HOME_LEAD, HOME_PASSPHRASE, writeHomeStudy } from './home-open-study.ts';
import { type BenchResult, percentile, round } from './types.ts';

const SIZES = [20, 2000] as const;
const ROUNDS = 9;
const WARM_UP = 1;
const GOAL = 3;

/** What the page shows once a click's answer is painted: the coder chooser, or the home's list from its first row. */
type Painted = 'chooser' | 'list';

/** Arms the page to time its next click until `painted` is in the DOM, to the frame that paints it (ms), then runs `click`. */
async function timeClick(page: Page, painted: Painted, click: () => Promise<void>): Promise<number> {
  await page.evaluate((painted) => {
    // Written out here: the page's CSP forbids building a function from text.
    const holds =
      painted === 'chooser'
        ? () => document.querySelector('.coder-choices button') !== null
        : () => document.querySelector('table.recordings tbody tr[data-index] th')?.textContent === 'D0001-S01';
    const w = window as unknown as { __homeBench?: Promise<number> };
    w.__homeBench = new Promise<number>((resolve, reject) => {
      let t0 = Number.NaN;
      window.addEventListener('click', (e) => void (t0 = e.timeStamp), { capture: true, once: true });
      const timeout = setTimeout(() => reject(new Error(`the page never showed the ${painted}`)), 60_000);
      const observer = new MutationObserver(() => {
        if (Number.isNaN(t0) || !holds()) return;
        observer.disconnect();
        clearTimeout(timeout);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, painted);
  await click();
  return page.evaluate(() => (window as unknown as { __homeBench: Promise<number> }).__homeBench);
}

interface Opening {
  unlock: number;
  home: number;
}

/** From the unlock screen to the home's list, timed; then locks the study again as the computer's lock would. */
async function openOnce(page: Page, app: AppWindow, path: string): Promise<Opening> {
  await page.getByLabel('Study file').fill(path);
  await page.getByLabel('Passphrase').fill(HOME_PASSPHRASE);
  const unlock = await timeClick(page, 'chooser', () => page.getByRole('button', { name: 'Unlock' }).click());
  const home = await timeClick(page, 'list', () => page.getByRole('button', { name: new RegExp(`^${HOME_LEAD} `) }).click());
  await app.systemLock();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  return { unlock, home };
}

export async function homeOpen(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), '3rs-bench-home-'));
  const built = buildApp();
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const paths = SIZES.map((n) => writeHomeStudy(dir, `home-${n}.3rs`, n));
    const page = await browser.newPage({ viewport: WINDOW });
    const app = await openApp(page, { renderer: built.renderer });
    await page.goto(app.url);
    const timings = SIZES.map(() => [] as Opening[]);
    for (let round = 0; round < WARM_UP + ROUNDS; round++) {
      for (const [i, path] of paths.entries()) {
        const opening = await openOnce(page, app, path);
        if (round >= WARM_UP) timings[i]!.push(opening);
      }
    }
    if (app.station.offOrigin().length > 0) throw new Error(`the page left the app: ${app.station.offOrigin().join(', ')}`);
    if (app.problems.length > 0) throw new Error(`the page reported errors: ${app.problems.join('; ')}`);
    await app.close();

    const p50 = (openings: Opening[], part: (o: Opening) => number) => percentile(openings.map(part), 50);
    const total = (o: Opening) => o.unlock + o.home;
    const [small, large] = timings as [Opening[], Opening[]];
    const ratio = p50(large, total) / p50(small, total);
    const label = (n: number) => `${n.toLocaleString('en')} recordings × 4 coders`;
    const context = (name: string, value: number): BenchResult => ({
      name: `context: ${name}`,
      value: round(value, 1),
      unit: 'ms',
      goal: '—',
      ok: true,
    });
    return [
      {
        name: `unlock → home painted, ${label(SIZES[1])} / ${label(SIZES[0])} (p50 of ${ROUNDS}, real core, Chromium)`,
        value: round(ratio, 2),
        unit: '×',
        goal: `≤ ${GOAL}×`,
        ok: ratio <= GOAL,
      },
      ...SIZES.flatMap((n, i) => [
        context(`unlock → home painted p50, ${label(n)}`, p50(timings[i]!, total)),
        context(
          `… of which Unlock → “Who is coding?” p50, ${label(n)}`,
          p50(timings[i]!, (o) => o.unlock),
        ),
        context(
          `… of which the lead’s code → the list p50, ${label(n)}`,
          p50(timings[i]!, (o) => o.home),
        ),
      ]),
    ];
  } finally {
    await browser.close();
    built.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
