// The renderer's only door to the core: `window.api`, set by the preload (or by a test harness).

import type { Api } from '../electron/core/api/contract.ts';

declare global {
  interface Window {
    api: Api;
  }
}

export function api(): Api {
  return window.api;
}
