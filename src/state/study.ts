// The renderer's study state: whether a study is unlocked, what it holds, who is coding and the last error.
// Components read it and call its actions; every rule about the data stays in the core.

import { create } from 'zustand';
import type { Coder, ErrorValue, RecordingSummary, Scheme, StudyCoder, StudyInfo, StudySettingsView } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { saveDrafts } from './drafts.ts';

export type Action = 'create' | 'open' | 'select-coder' | 'add-coder' | 'lock' | 'refresh' | 'settings';

export interface StudyError extends ErrorValue {
  /** Which action failed, so the message is shown next to the form that caused it. */
  action: Action;
}

export interface CreateStudyForm {
  path: string;
  passphrase: string;
  confirm: string;
  segmentSeconds: number;
  coderCode: string;
  coderName: string;
  /** The creator's role: a lead sets the study up and sees every coding; a coder's study is their workstation. */
  role: Coder['role'];
}

export interface OpenStudyForm {
  path: string;
  passphrase: string;
}

export interface NewCoderForm {
  code: string;
  name: string;
  role?: Coder['role'];
}

interface StudyData {
  status: 'locked' | 'unlocked';
  info: StudyInfo | null;
  scheme: Scheme | null;
  coders: StudyCoder[];
  /** With the codings the chosen coder may see: their own, or everyone's for a lead. */
  recordings: RecordingSummary[];
  settings: StudySettingsView | null;
  /** Who is coding in this window. */
  coder: Coder | null;
  error: StudyError | null;
  pending: Action | null;
}

export interface StudyState extends StudyData {
  createStudy(form: CreateStudyForm): Promise<boolean>;
  openStudy(form: OpenStudyForm): Promise<boolean>;
  selectCoder(code: string): Promise<boolean>;
  /** Adds a coder; with `select`, that coder then starts coding (the "add yourself" path). */
  addCoder(form: NewCoderForm, options?: { select?: boolean }): Promise<boolean>;
  /** Re-reads the study's counts, recordings and the chosen coder's progress (e.g. back on the home screen). */
  refresh(): Promise<boolean>;
  loadSettings(): Promise<boolean>;
  /** Changes the study's settings: its segment length (until coding starts), blind coding (a lead). */
  updateSettings(change: { segmentSeconds?: number; minFinalSeconds?: number; blindCoding?: boolean }): Promise<boolean>;
  lock(): Promise<void>;
}

const LOCKED: StudyData = {
  status: 'locked',
  info: null,
  scheme: null,
  coders: [],
  recordings: [],
  settings: null,
  coder: null,
  error: null,
  pending: null,
};

const resetListeners = new Set<() => void>();

/**
 * Registers a slice's reset: it runs whenever the study is locked or replaced, so no slice keeps data
 * of a study that is no longer open. Returns the unregister function.
 */
export function onStudyReset(reset: () => void): () => void {
  resetListeners.add(reset);
  return () => resetListeners.delete(reset);
}

function resetOtherSlices(): void {
  for (const reset of resetListeners) reset();
}

/** Whether the chosen coder may look at other coders' codings: a lead, or anyone once blind coding is off. */
export const seesOthers = (s: Pick<StudyState, 'coder' | 'info'>): boolean => s.coder?.role === 'lead' || s.info?.blindCoding === false;

export const useStudy = create<StudyState>()((set, get) => {
  // Bumped on every lock, open and create: an answer that arrives after the study changed is dropped,
  // so locking really leaves nothing of the study behind.
  let epoch = 0;

  const replaceStudy = (): void => {
    epoch++;
    resetOtherSlices();
  };

  const begin = (action: Action): number => {
    set({ pending: action, error: null });
    return epoch;
  };

  const fail = (action: Action, error: ErrorValue): false => {
    set({ pending: null, error: { ...error, action } });
    return false;
  };

  /** Fetches everything the home screen shows, so the counts always come from the file. */
  const load = async (action: Action, since: number): Promise<boolean> => {
    const [info, coders, recordings, scheme] = await Promise.all([
      call('study.info', {}),
      call('coders.list', {}),
      call('recordings.list', {}),
      call('scheme.get', {}),
    ]);
    if (since !== epoch) return false;
    if (!info.ok) return fail(action, info.error);
    if (!coders.ok) return fail(action, coders.error);
    if (!recordings.ok) return fail(action, recordings.error);
    if (!scheme.ok) return fail(action, scheme.error);
    set({ info: info.value, coders: coders.value, recordings: recordings.value, scheme: scheme.value, pending: null });
    return true;
  };

  const selectCoder = async (code: string): Promise<boolean> => {
    const since = begin('select-coder');
    const chosen = await call('session.selectCoder', { code });
    if (since !== epoch) return false;
    if (!chosen.ok) return fail('select-coder', chosen.error);
    set({ coder: chosen.value });
    return load('select-coder', since);
  };

  return {
    ...LOCKED,

    async createStudy(form) {
      if (form.passphrase !== form.confirm) {
        return fail('create', {
          code: 'INVALID_INPUT',
          message: 'The two passphrases are different. Type the same passphrase in both fields.',
        });
      }
      replaceStudy();
      const since = begin('create');
      const created = await call('study.create', {
        path: form.path,
        passphrase: form.passphrase,
        segmentSeconds: form.segmentSeconds,
        coder: { code: form.coderCode, name: form.coderName, role: form.role },
      });
      if (since !== epoch) return false;
      if (!created.ok) return fail('create', created.error);
      set({ status: 'unlocked', info: created.value.info, coder: created.value.coder });
      return load('create', since);
    },

    async openStudy(form) {
      replaceStudy();
      const since = begin('open');
      const opened = await call('study.open', form);
      if (since !== epoch) return false;
      if (!opened.ok) return fail('open', opened.error);
      set({ ...LOCKED, status: 'unlocked', info: opened.value, pending: 'open' });
      const coders = await call('coders.list', {});
      if (since !== epoch) return false;
      if (!coders.ok) return fail('open', coders.error);
      set({ coders: coders.value, pending: null });
      return true;
    },

    selectCoder,

    async addCoder(form, options = {}) {
      const since = begin('add-coder');
      const added = await call('coders.add', form);
      if (since !== epoch) return false;
      if (!added.ok) return fail('add-coder', added.error);
      return options.select ? selectCoder(added.value.code) : load('add-coder', since);
    },

    async refresh() {
      if (get().status !== 'unlocked' || !get().coder) return false;
      return load('refresh', begin('refresh'));
    },

    async loadSettings() {
      const since = begin('settings');
      const settings = await call('settings.get', {});
      if (since !== epoch) return false;
      if (!settings.ok) return fail('settings', settings.error);
      set({ settings: settings.value, pending: null });
      return true;
    },

    async updateSettings(change) {
      const since = begin('settings');
      const settings = await call('settings.update', change);
      if (since !== epoch) return false;
      if (!settings.ok) return fail('settings', settings.error);
      set({ settings: settings.value });
      return load('settings', since);
    },

    async lock() {
      void saveDrafts(); // sent now, while the coding can still be written; the core finishes them before it closes
      replaceStudy();
      set({ ...LOCKED, pending: 'lock' });
      const closed = await call('study.close', {});
      set({ ...LOCKED, error: closed.ok ? null : { ...closed.error, action: 'lock' } });
    },
  };
});
