import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.ts';
import { CARD_PREFIX } from '../core/lab/card.ts';

/** An identity card given on the command line: the card line itself, or a file holding it. */
export function readCardArgument(value: string): string {
  if (value.trim().startsWith(CARD_PREFIX)) return value.trim();
  const path = resolve(value);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new AppError(
      'FILE_NOT_FOUND',
      `--identity is neither a card (a line starting with "${CARD_PREFIX}") nor a file that can be read (${path}). Paste the card or give the file it came in.`,
    );
  }
}
