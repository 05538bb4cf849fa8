// What this keyboard prints on each physical key, from the browser's keyboard layout map (Chromium and
// Electron have navigator.keyboard.getLayoutMap()). Marker keys stay physical (KeyboardEvent.code), so a
// German coder's W6 key is still the one right of T; only its label becomes the Z printed on it.

import { create } from 'zustand';

interface KeyboardWithLayout {
  getLayoutMap(): Promise<ReadonlyMap<string, string>>;
}

interface LayoutState {
  /** Physical key → the character it types on this keyboard; empty until read, or where the browser cannot tell. */
  typed: ReadonlyMap<string, string>;
}

export const useKeyboardLayout = create<LayoutState>()(() => ({ typed: new Map() }));

/** Reads the keyboard's layout once it is asked for; without the API (or if it fails) labels stay the US names. */
export async function loadKeyboardLayout(): Promise<void> {
  const keyboard = (globalThis.navigator as (Navigator & { keyboard?: Partial<KeyboardWithLayout> }) | undefined)?.keyboard;
  if (typeof keyboard?.getLayoutMap !== 'function') return;
  try {
    const map = await keyboard.getLayoutMap();
    useKeyboardLayout.setState({ typed: new Map(map) });
  } catch {
    // A browser may refuse (e.g. in a frame): the US names are still right for the keys' positions.
  }
}

/** The character `code` types on this keyboard, if known. */
export const typedOn = (code: string): string | undefined => useKeyboardLayout.getState().typed.get(code);
