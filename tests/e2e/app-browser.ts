// `npm run app:browser`: the whole app in a Chromium window, without Electron, for looking at it by hand.
// The same harness as the e2e suite (built renderer, real core as window.api, media by ranges), with a study
// in a temp folder that already holds a generated recording, a coder and a lead (to try the lead's tools too).
// Runs until the window is closed (or Ctrl+C).
//
// APP_BROWSER_HEADLESS=1 runs it without a window (e.g. on a machine with no display, to check it starts).

import { launchApp } from './harness/launch.ts';

const headless = process.env['APP_BROWSER_HEADLESS'] === '1';
if (!headless && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
  console.error(
    'app:browser: no display to open a window on. Run it under `xvfb-run npm run app:browser`, or without a window: APP_BROWSER_HEADLESS=1 npm run app:browser',
  );
  process.exit(1);
}

console.log('app:browser: building the app and preparing a study (the first run also generates a 12-minute test video)…');
const launched = await launchApp({ headless, segmentSeconds: 300, clipSeconds: 12 * 60 });
const { study } = launched;
const LEAD = { code: 'L01', name: 'Lab Lead', role: 'lead' } as const;
const lead = await launched.app.handlers['coders.add'](LEAD);
if (!lead.ok) {
  await launched.close();
  throw new Error(`app:browser: adding the lead failed: ${lead.error.message}`);
}
console.log(`
3RS Station in ${headless ? 'headless ' : ''}Chromium at ${launched.app.url}
  temp folder:  ${launched.dir}
  study file:   ${study.path}
  passphrase:   ${study.passphrase}
  coders:       ${study.coder} codes; ${LEAD.code} is the lead (reliability, compare, consensus, export)
  recording:    ${study.recording} is imported
  a video to add as another recording: ${study.video}
Everything in the temp folder is removed when you ${headless ? 'press Ctrl+C' : 'close the window (or press Ctrl+C)'}.
`);

// The browser's connection keeps the process alive; once it is closed here, the process ends.
let closing: Promise<void> | undefined;
const shutDown = (why: string): Promise<void> =>
  (closing ??= (async () => {
    console.log(`app:browser: ${why}; closing the study and removing ${launched.dir}`);
    await launched.close();
  })());
process.once('SIGINT', () => void shutDown('interrupted'));
process.once('SIGTERM', () => void shutDown('terminated'));
launched.page.once('close', () => void shutDown('the window was closed'));
launched.browser.once('disconnected', () => void shutDown('the browser went away'));
