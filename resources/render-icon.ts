// Renders resources/icon.svg to resources/icon.png (512x512, transparent corners) with Debian's Chromium:
// `node resources/render-icon.ts` after changing the SVG. electron-builder makes the .ico and .icns from the PNG.

import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: new URL('./icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
