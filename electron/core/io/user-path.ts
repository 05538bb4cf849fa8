// Paths as people give them in the app's forms: typed, pasted from a file manager (often quoted), or chosen in a
// dialog. One set of rules for every path a form sends the core (study files, recordings, export folders, packets),
// so "~/studies/lab" works everywhere and a relative path never lands wherever the app happened to start.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, isAbsolute, join } from 'node:path';
import { AppError } from '../errors.ts';

/** What a path names: it decides the example in an error, and whether `.3rs` is added. */
export const PATH_KINDS = ['study', 'new-study', 'recording', 'folder', 'packet', 'new-packet', 'card'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

export const STUDY_EXTENSION = '.3rs';

const WHAT: Record<PathKind, { name: string; example: string }> = {
  study: { name: 'study file', example: '~/studies/alliance.3rs' },
  'new-study': { name: 'new study file', example: '~/studies/alliance.3rs' },
  recording: { name: 'recording', example: '~/videos/d014-s05.mp4' },
  folder: { name: 'folder', example: '~/exports/2026-11' },
  packet: { name: 'packet', example: '~/packets/from-c01.age' },
  'new-packet': { name: 'new packet', example: '~/packets/to-c01.age' },
  card: { name: 'identity card file', example: '~/packets/c01-card.txt' },
};

/** A pasted path keeps the quotes a file manager or shell put around it: one matching pair goes. */
function unquote(text: string): string {
  const first = text[0];
  const quoted = text.length >= 2 && (first === '"' || first === "'") && text.at(-1) === first;
  return quoted ? text.slice(1, -1).trim() : text;
}

/** `~` and `~/…` are the user's home folder (another user's, `~name`, is not expanded and so is refused). */
function expandHome(text: string, home: string): string {
  if (text === '~') return home;
  if (text.startsWith('~/') || text.startsWith('~\\')) return join(home, text.slice(2));
  return text;
}

/** A study file's name ends in .3rs; an existing study given without it is found with it. */
function withStudyExtension(path: string, kind: PathKind): string {
  if (extname(path).toLowerCase() === STUDY_EXTENSION) return path;
  if (kind === 'new-study') return path + STUDY_EXTENSION;
  return !existsSync(path) && existsSync(path + STUDY_EXTENSION) ? path + STUDY_EXTENSION : path;
}

/**
 * The full path a form meant: spaces around it and one pair of surrounding quotes dropped, `~` expanded, `.3rs`
 * added to a study file given without it. A relative path, an empty one or one holding a NUL is refused
 * (INVALID_INPUT) with what to type instead.
 */
export function userPath(typed: string, kind: PathKind, home: string = homedir()): string {
  const { name, example } = WHAT[kind];
  const text = unquote(typed.trim());
  if (text === '') throw new AppError('INVALID_INPUT', `No ${name} was given. Type its full path, e.g. ${example}, or choose it with Browse….`);
  if (text.includes('\0')) {
    throw new AppError('INVALID_INPUT', `The ${name}'s path contains a NUL character, which no file name can hold. Type its full path again.`);
  }
  const path = expandHome(text, home);
  if (!isAbsolute(path)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${text}" is not a full path, so it is unclear which ${name} is meant. Give its full path, starting at / or ~ (e.g. ${example}), or choose it with Browse….`,
    );
  }
  return kind === 'study' || kind === 'new-study' ? withStudyExtension(path, kind) : path;
}
