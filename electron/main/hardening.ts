// The Electron side of the security policy: applies policy.ts's decisions to every web contents and to
// the session. Nothing here decides; each function only wires a rule to Electron.

import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy, describeBlocked, INTERCEPTED_SCHEMES, isAllowedRequest, type Policy } from './policy.ts';

/** The requests stopped since the app started: the Security panel shows the count, the log names each. */
export interface BlockedRequests {
  record(url: string): void;
  total(): number;
}

export function createBlockedRequests(log: (message: string) => void = console.warn): BlockedRequests {
  let total = 0;
  return {
    record(url) {
      total++;
      log(`3RS Station stopped a request to ${describeBlocked(url)}.`);
    },
    total: () => total,
  };
}

/** Fetches a request the policy allows (only the dev server, in development) past the app's own handlers. */
export type PassThrough = (request: Request) => Promise<Response>;

/**
 * The one guard of every web contents the app ever creates (it is applied from `web-contents-created`, so a
 * future window cannot miss it): no navigation away, no redirects, no new windows, no webviews.
 */
export function guardWebContents(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void }): void => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission is ever granted: not when a page asks, not when Chromium checks, not for a device. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Chromium's spellchecker downloads dictionaries from Google.
  session.setSpellCheckerEnabled(false);
}

/**
 * Nothing leaves the app: the request filter cancels every request that is not the app's own (any scheme,
 * WebSockets included), and http, https and file are taken over so that even a request the filter never
 * sees is answered here, with a network error.
 */
export function filterRequests(session: Session, policy: Policy, blocked: BlockedRequests, passThrough: PassThrough): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, policy);
    if (!allowed) blocked.record(details.url);
    callback({ cancel: !allowed });
  });
  for (const scheme of INTERCEPTED_SCHEMES) {
    session.protocol.handle(scheme, (request) => {
      if (isAllowedRequest(request.url, policy)) return passThrough(request);
      blocked.record(request.url);
      return Response.error();
    });
  }
}

/** The app:// handler sets the CSP itself; this gives the dev server's pages the same header. */
export function enforceCsp(session: Session, policy: Policy): void {
  const csp = contentSecurityPolicy(policy);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
}

export function hardenSession(session: Session, policy: Policy, blocked: BlockedRequests, passThrough: PassThrough): void {
  denyPermissions(session);
  filterRequests(session, policy, blocked, passThrough);
  enforceCsp(session, policy);
}
