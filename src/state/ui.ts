// Which screen is up, what overlay covers it and what the coder is pointing at. Opening a screen also
// asks for the data it shows, so components only say where to go.

import { create } from 'zustand';
import { useCoding } from './coding.ts';
import { useMedia } from './media.ts';
import { onStudyReset, useStudy } from './study.ts';

export type Screen = 'home' | 'recording' | 'coding' | 'ratings' | 'settings' | 'security' | 'lab' | ReviewScreen;
/** The lead's review tools and training; their slices (state/reliability.ts, …) load what they show. */
export type ReviewScreen = 'reliability' | 'compare' | 'training' | 'export';
export type Overlay = 'keys' | null;

interface UiData {
  screen: Screen;
  /** Where settings returns to. */
  previous: Screen;
  recording: string | null;
  overlay: Overlay;
  /** The code whose reference card is shown: the last one marked, hovered or focused. */
  focusedCode: string | null;
  /** The rating item the keyboard acts on, by its position in the scheme's list. */
  ratingIndex: number;
  /** Set just after a segment boundary: the next mark goes here (the previous segment's last second), not to the playhead. */
  lateMark: { segment: number; timeMs: number } | null;
  /** Marker types never marked in the session that one key would rate 1, shown for the coder to confirm first. */
  unmarkedProposal: string[] | null;
  /** Asks the coding screen to put the caret in a note: the last mark's or the segment's (bumped each time it is asked). */
  noteRequest: { target: 'mark' | 'segment'; mark: number | null; seq: number } | null;
}

export interface UiState extends UiData {
  goHome(): void;
  /** The recording's page; a lead may pass another coder to look at their coding. */
  openRecording(recording: string, coder?: string): void;
  startCoding(): void;
  openRatings(): void;
  openSettings(): void;
  /**
   * Shows a screen whose data its caller loads: the review screens (about `recording` for compare and
   * training; their slices load what they show), or a coding a review screen opened.
   */
  show(screen: Screen, recording?: string): void;
  back(): void;
  toggleKeys(): void;
  closeOverlay(): void;
  focusCode(code: string): void;
  setRatingIndex(index: number): void;
  setLateMark(target: UiData['lateMark']): void;
  proposeUnmarked(items: string[] | null): void;
  requestNote(target: 'mark' | 'segment', mark?: number): void;
  reset(): void;
}

const START: UiData = {
  screen: 'home',
  previous: 'home',
  recording: null,
  overlay: null,
  focusedCode: null,
  ratingIndex: 0,
  lateMark: null,
  unmarkedProposal: null,
  noteRequest: null,
};

/** Asks what the player gets for `recording`, unless that is already known. */
function loadMedia(recording: string): void {
  if (useMedia.getState().recording !== recording) void useMedia.getState().load(recording);
}

/** Makes sure the coding on screen is the coder's own coding of `recording`. */
function loadOwn(recording: string): void {
  const coding = useCoding.getState();
  if (coding.recording !== recording || coding.viewing !== null || (!coding.view && !coding.loading)) void coding.load(recording);
}

/** Keeps a coding opened for editing (a lead's consensus coding) on the way to coding it; otherwise the coder's own. */
function loadEditable(recording: string): void {
  const coding = useCoding.getState();
  if (coding.recording === recording && coding.viewing !== null && coding.editable) return;
  loadOwn(recording);
}

export const useUi = create<UiState>()((set, get) => ({
  ...START,

  goHome() {
    set({ screen: 'home', overlay: null });
    void useStudy.getState().refresh();
  },

  openRecording(recording, coder) {
    // The reference card shows a code of this recording's coding, never one left over from the last recording.
    const same = get().recording === recording;
    set({ screen: 'recording', recording, overlay: null, lateMark: null, ...(same ? {} : { focusedCode: null }) });
    loadMedia(recording);
    const own = useStudy.getState().coder?.code;
    if (coder !== undefined && coder !== own) void useCoding.getState().load(recording, coder);
    else loadOwn(recording);
  },

  startCoding() {
    const { recording } = get();
    if (recording === null) return;
    loadEditable(recording);
    loadMedia(recording);
    set({ screen: 'coding', overlay: null, lateMark: null });
  },

  openRatings() {
    const { recording } = get();
    if (recording === null) return;
    loadEditable(recording);
    set({ screen: 'ratings', overlay: null, unmarkedProposal: null });
  },

  openSettings() {
    const { screen } = get();
    if (screen !== 'settings') set({ screen: 'settings', previous: screen, overlay: null });
    void useStudy.getState().loadSettings();
  },

  show(screen, recording) {
    set({ screen, overlay: null, ...(recording === undefined ? {} : { recording }) });
  },

  back() {
    const { screen, previous } = get();
    if (screen === 'settings' || screen === 'security') set({ screen: previous });
    else if (screen === 'ratings') set({ screen: 'coding' });
    else if (screen === 'coding' || screen === 'compare' || screen === 'training') set({ screen: 'recording' });
    else get().goHome();
  },

  toggleKeys: () => set((s) => ({ overlay: s.overlay === 'keys' ? null : 'keys' })),
  closeOverlay: () => set({ overlay: null }),
  focusCode: (code) => set({ focusedCode: code }),
  setRatingIndex: (index) => set({ ratingIndex: index }),
  setLateMark: (target) => set({ lateMark: target }),
  proposeUnmarked: (items) => set({ unmarkedProposal: items }),
  requestNote: (target, mark) => set((s) => ({ noteRequest: { target, mark: mark ?? null, seq: (s.noteRequest?.seq ?? 0) + 1 } })),
  reset: () => set(START),
}));

onStudyReset(() => useUi.getState().reset());
