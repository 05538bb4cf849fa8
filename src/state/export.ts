// The lead's de-identified export: run as a job with progress, whose result is the summary (the manifest of
// the files written); and one recording's marks as an ELAN file.

import { create } from 'zustand';
import type { CheckMinus, EafWritten, ErrorValue, ExportFormat, ExportResult } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from './jobs.ts';
import { onStudyReset } from './study.ts';
import { useUi } from './ui.ts';

export const EXPORT_JOB = 'export';

export interface ExportForm {
  outDir: string;
  format: ExportFormat;
  includeNotes: boolean;
  checkMinus: CheckMinus;
  /** Let the reliability table compare unfinished codings too (off: complete codings only). */
  includeUnfinished: boolean;
  /** The coders to export; left out, every coder. */
  coders?: string[];
}

interface ExportData {
  /** The summary of the last export that finished. */
  result: ExportResult | null;
  /** The last ELAN file written. */
  eaf: EafWritten | null;
  writingEaf: boolean;
  error: (ErrorValue & { action: 'eaf' }) | null;
}

export interface ExportState extends ExportData {
  open(): void;
  /** Runs the export as a job; once it is done, its result is the summary. */
  run(form: ExportForm): Promise<boolean>;
  writeEaf(recording: string, outDir: string): Promise<boolean>;
  reset(): void;
}

const EMPTY: ExportData = { result: null, eaf: null, writingEaf: false, error: null };

export const useExport = create<ExportState>()((set) => {
  let epoch = 0;

  return {
    ...EMPTY,

    open() {
      useUi.getState().show('export');
    },

    async run(form) {
      const since = epoch;
      set({ result: null, error: null });
      const input = {
        outDir: form.outDir,
        format: form.format,
        includeNotes: form.includeNotes,
        checkMinus: form.checkMinus,
        includeUnfinished: form.includeUnfinished,
        ...(form.coders ? { coders: form.coders } : {}),
      };
      const status = await useJobs.getState().run(EXPORT_JOB, 'Exporting the study', () => call('export.run', input));
      if (since !== epoch || status?.kind !== 'export' || status.state !== 'done') return false;
      set({ result: status.result });
      return true;
    },

    async writeEaf(recording, outDir) {
      const since = epoch;
      set({ writingEaf: true, eaf: null, error: null });
      const written = await call('export.eaf', { recording, outDir });
      if (since !== epoch) return false;
      set({ writingEaf: false });
      if (!written.ok) {
        set({ error: { ...written.error, action: 'eaf' } });
        return false;
      }
      set({ eaf: written.value });
      return true;
    },

    reset() {
      epoch++;
      set(EMPTY);
    },
  };
});

onStudyReset(() => useExport.getState().reset());
