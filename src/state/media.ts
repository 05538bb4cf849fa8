// What the player needs for the open recording (URL, frame rate, filmstrip, waveform), and the jobs
// that make it playable: a playable copy, or relinking a moved original.

import { create } from 'zustand';
import type { ErrorValue, MediaInfo } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import { useJobs } from './jobs.ts';
import { FALLBACK_FPS, usePlayer } from './player.ts';
import { onStudyReset, useStudy } from './study.ts';

interface MediaData {
  recording: string | null;
  info: MediaInfo | null;
  loading: boolean;
  error: ErrorValue | null;
}

export interface MediaState extends MediaData {
  load(recording: string): Promise<boolean>;
  /** Makes the playable copy (and filmstrip and waveform) as a job, then reloads what the player gets. */
  prepare(): Promise<void>;
  /** Points the recording at its original's new place, then reloads. */
  relink(path: string): Promise<void>;
  reset(): void;
}

const EMPTY: MediaData = { recording: null, info: null, loading: false, error: null };

export const prepareJobKey = (recording: string) => `prepare:${recording}`;
export const relinkJobKey = (recording: string) => `relink:${recording}`;

export const useMedia = create<MediaState>()((set, get) => {
  let epoch = 0;

  /** After a job: what the player gets may have changed, and so may the home table's media column. */
  const reloadAfterJob = (recording: string) => () => {
    if (get().recording === recording) void get().load(recording);
    void useStudy.getState().refresh();
  };

  return {
    ...EMPTY,

    async load(recording) {
      const since = ++epoch;
      set({ ...EMPTY, recording, loading: true, info: get().recording === recording ? get().info : null });
      const answer = await call('media.info', { recording });
      if (since !== epoch) return false;
      if (!answer.ok) {
        set({ loading: false, error: answer.error });
        return false;
      }
      set({ loading: false, info: answer.value });
      usePlayer.getState().setFps(answer.value.fps ?? FALLBACK_FPS);
      return true;
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

    reset() {
      epoch++;
      set(EMPTY);
    },
  };
});

onStudyReset(() => useMedia.getState().reset());
