import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy, isAllowedRequest, type Policy } from './policy.ts';

/** Applied to every web contents the app ever creates: no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission is ever granted, and no request leaves the app's own scheme (or, in dev, its dev server). */
export function hardenSession(session: Session, policy: Policy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, policy) }));
  // The app:// handler sets the CSP itself; this covers the dev server's pages.
  const csp = contentSecurityPolicy(policy);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
}
