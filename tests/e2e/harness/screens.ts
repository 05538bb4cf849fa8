// Screenshots a reviewer looks at: one file per screen, numbered in the order of the flow, in one folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screens', import.meta.url));

/** A laptop-sized window, as the app opens at (1280x820 in Electron) with a little room. */
export const WINDOW = { width: 1366, height: 860 };

/**
 * Saves the screen as test-results/screens/<name>.png: the whole page when it scrolls, taken from the top
 * (a full-page picture of a scrolled page paints the sticky app bar in its middle), then scrolled back.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const scrolled = await page.evaluate(() => {
    const at = { x: window.scrollX, y: window.scrollY };
    window.scrollTo(0, 0);
    return at;
  });
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.evaluate(({ x, y }) => window.scrollTo(x, y), scrolled);
  return path;
}
