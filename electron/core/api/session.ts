// One window's state: the open study and who is coding. Handlers ask it, never keep their own copies.

import { AppError } from '../errors.ts';
import type { Coder } from '../store/coders.ts';
import { closeStudy, type Study } from '../store/study-file.ts';

export interface Session {
  /** The open study; NO_STUDY_OPEN when there is none. */
  study(): Study;
  /** The coder this window codes as; NO_CODER when none was chosen. */
  coder(): Coder;
  /** The chosen coder, or null before one is chosen. */
  chosen(): Coder | null;
  /** Who to name in the audit log: the coder, or the fallback actor before one is chosen. */
  actor(): string;
  isOpen(): boolean;
  open(study: Study, coder?: Coder): void;
  selectCoder(coder: Coder): void;
  close(): void;
}

export function createSession(fallbackActor: string): Session {
  let study: Study | null = null;
  let coder: Coder | null = null;
  const session: Session = {
    study() {
      if (!study) throw new AppError('NO_STUDY_OPEN', 'No study is open. Open or create a study first.');
      return study;
    },
    coder() {
      session.study();
      if (!coder) throw new AppError('NO_CODER', 'Choose who is coding first: pick your coder code on the unlock screen.');
      return coder;
    },
    chosen: () => coder,
    actor: () => coder?.code ?? fallbackActor,
    isOpen: () => study !== null,
    open(next, first) {
      session.close();
      study = next;
      coder = first ?? null;
    },
    selectCoder(next) {
      coder = next;
    },
    close() {
      const open = study;
      study = null;
      coder = null;
      if (open) closeStudy(open);
    },
  };
  return session;
}
