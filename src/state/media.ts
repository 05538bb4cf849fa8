// What the player needs for the open recording (URL, frame rate, filmstrip, waveform), asked of the core as a
// query keyed by the recording, and the jobs that make it playable: a playable copy, or relinking a moved original.

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ErrorValue, MediaInfo } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from './jobs.ts';
import { FALLBACK_FPS, usePlayer } from './player.ts';
import { askKey, askOptions, queryClient } from './queries.ts';
import { onStudyReset, useStudy } from './study.ts';

export interface MediaState {
  /** The recording the player is for. */
  recording: string | null;
  /** Points the player at `recording` and asks what it gets, the answer coming through useMediaInfo. */
  load(recording: string): void;
  /** Makes the playable copy (and filmstrip and waveform) as a job, then asks again what the player gets. */
  prepare(): Promise<void>;
  /** Points the recording at its original's new place, then asks again. */
  relink(path: string): Promise<void>;
  reset(): void;
}

export const prepareJobKey = (recording: string) => `prepare:${recording}`;
export const relinkJobKey = (recording: string) => `relink:${recording}`;

const infoQuery = (recording: string) => askOptions('media.info', { recording });

export const useMedia = create<MediaState>()((set, get) => {
  /** After a job: what the player gets may have changed, and so may the home table's media column. */
  const reloadAfterJob = (recording: string) => () => {
    void queryClient.invalidateQueries({ queryKey: askKey('media.info', { recording }) });
    void useStudy.getState().refresh();
  };

  return {
    recording: null,

    load(recording) {
      set({ recording });
      void queryClient.prefetchQuery(infoQuery(recording));
    },

    async prepare() {
      const { recording } = get();
      if (!recording) return;
      await useJobs
        .getState()
        .run(
          prepareJobKey(recording),
          `Making a playable copy of ${recording}`,
          () => call('media.prepare', { recording }),
          reloadAfterJob(recording),
        );
    },

    async relink(path) {
      const { recording } = get();
      if (!recording) return;
      await useJobs
        .getState()
        .run(relinkJobKey(recording), `Relinking ${recording}`, () => call('recordings.relink', { recording, path }), reloadAfterJob(recording));
    },

    reset: () => set({ recording: null }),
  };
});

onStudyReset(() => useMedia.getState().reset());

export interface MediaAnswer {
  info: MediaInfo | null;
  loading: boolean;
  error: ErrorValue | null;
}

/** What the player gets for the recording it is for; while a job's change is read again, the last answer stays. */
export function useMediaInfo(): MediaAnswer {
  const recording = useMedia((s) => s.recording);
  const query = useQuery({ ...infoQuery(recording ?? ''), enabled: recording !== null });
  return { info: (recording !== null ? query.data : undefined) ?? null, loading: query.isFetching, error: query.error?.value ?? null };
}

/** Keeps the player's frame step at the recording's frame rate. */
export function usePlayerFps(info: MediaInfo | null): void {
  const fps = info?.fps ?? FALLBACK_FPS;
  useEffect(() => usePlayer.getState().setFps(fps), [fps]);
}
