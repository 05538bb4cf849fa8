import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { closeMediaStore, openMediaStore, type MediaStore } from '../core/media/store.ts';
import { closeStudy, openStudy, type Study } from '../core/store/study-file.ts';
import { readPassphrase } from './passphrase.ts';

/** Audit actor for changes made from the command line: the operating-system user. */
export function cliActor(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // userInfo() throws when the uid has no account entry (as in some containers); the login variables still name the user.
    name = process.env['USER'] || process.env['LOGNAME'] || 'unknown';
  }
  return `cli:${name}`;
}

/** What the open tidied up (e.g. an interrupted rekey), one line each on stderr: stdout stays the command's answer. */
export function printStudyWarnings(study: Study): void {
  for (const warning of study.warnings ?? []) process.stderr.write(`3rs: ${warning}\n`);
}

/** Opens the study for one command and always closes it, whatever the command does. */
export async function withStudy<T>(file: string, envName: string | undefined, use: (study: Study) => T | Promise<T>): Promise<T> {
  const passphrase = await readPassphrase({ envName });
  const study = openStudy(resolve(file), passphrase);
  try {
    printStudyWarnings(study);
    return await use(study);
  } finally {
    closeStudy(study);
  }
}

/** Opens the study's media file for one command (making it on first use) and always closes it. */
export async function withMediaStore<T>(study: Study, use: (media: MediaStore) => T | Promise<T>): Promise<T> {
  const media = openMediaStore(study, cliActor());
  try {
    return await use(media);
  } finally {
    closeMediaStore(media);
  }
}
