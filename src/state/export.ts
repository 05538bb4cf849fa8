// The lead's de-identified export: run as a job with progress, whose result is the summary (the manifest of
// the files written). One recording's ELAN file is a plain write, asked from the Export screen's form.

import { create } from 'zustand';
import type { CheckMinus, ExportFormat, ExportResult } from '../../electron/core/api/contract.ts';
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

export interface ExportState {
  /** The summary of the last export that finished. */
  result: ExportResult | null;
  open(): void;
  /** Runs the export as a job; once it is done, its result is the summary (none if the study locks first). */
  run(form: ExportForm): Promise<boolean>;
  reset(): void;
}

export const useExport = create<ExportState>()((set) => ({
  result: null,

  open() {
    useUi.getState().show('export');
  },

  async run(form) {
    set({ result: null });
    const input = {
      outDir: form.outDir,
      format: form.format,
      includeNotes: form.includeNotes,
      checkMinus: form.checkMinus,
      includeUnfinished: form.includeUnfinished,
      ...(form.coders ? { coders: form.coders } : {}),
    };
    const status = await useJobs.getState().run(EXPORT_JOB, 'Exporting the study', () => call('export.run', input));
    if (status?.kind !== 'export' || status.state !== 'done') return false;
    set({ result: status.result });
    return true;
  },

  reset: () => set({ result: null }),
}));

onStudyReset(() => useExport.getState().reset());
