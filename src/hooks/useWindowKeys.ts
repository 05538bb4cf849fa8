import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget } from '../keys/dispatch.ts';

/**
 * Listens to key presses anywhere on the page while mounted, before focused controls see them (so
 * space plays the video rather than pressing a focused button). Presses in text fields are left alone.
 * `handler` returns true for keys it used; those lose their default action.
 */
export function useWindowKeys(handler: (event: KeyboardEvent) => boolean, enabled = true): void {
  // The latest handler, without re-adding the listener each render.
  const onKeyEvent = useEffectEvent(handler);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      if (onKeyEvent(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
