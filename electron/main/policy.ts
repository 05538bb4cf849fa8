// The main process's security decisions as plain data and functions, kept free of `electron`
// so they are unit-tested in Node. The Electron wiring only applies them.

import { extname, resolve, sep } from 'node:path';
import type { MediaAsk } from '../worker/protocol.ts';

export const APP_TITLE = '3RS Station';
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: a standard, secure origin so 'self', fetch and media streaming work as on https. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/**
 * Recordings and their proxies are served as media://recording/<code>, byte range by byte range, and the
 * filmstrip's pictures as media://thumbnail/<code>/<index>.
 */
export const MEDIA_SCHEME = 'media';
const MEDIA_HOSTS = ['recording', 'thumbnail'] as const;

/** `stream` lets the player read a range as it arrives and cancel it on a seek; `standard` gives URLs a host and path. */
export const MEDIA_SCHEME_PRIVILEGES = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** Every scheme the app serves itself; all must be registered in one call before `ready`. */
export const PRIVILEGED_SCHEMES = [APP_SCHEME_PRIVILEGES, MEDIA_SCHEME_PRIVILEGES] as const;

export interface Policy {
  /** The electron-vite dev server (ELECTRON_RENDERER_URL); only ever set for an unpackaged app. */
  devServerUrl?: string | undefined;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function devServer(policy: Policy): URL | null {
  return policy.devServerUrl ? parse(policy.devServerUrl) : null;
}

const isAppOrigin = (u: URL): boolean => u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
const isMediaOrigin = (u: URL): boolean => u.protocol === `${MEDIA_SCHEME}:` && (MEDIA_HOSTS as readonly string[]).includes(u.host);

/** What a media URL asks for; the worker reads it (see electron/worker/media.ts). */
export type MediaRequest = MediaAsk;

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** What a media:// URL asks for, or null for any other URL (another host, no code, a malformed path). */
export function mediaRequestFor(url: string): MediaRequest | null {
  const u = parse(url);
  if (!u || !isMediaOrigin(u)) return null;
  const parts = u.pathname.slice(1).split('/').map(decode);
  const code = parts[0];
  if (!code || code.includes('/')) return null;
  if (u.host === 'recording') return parts.length === 1 ? { kind: 'recording', code } : null;
  const index = parts.length === 2 && /^\d{1,6}$/.test(parts[1] ?? '') ? Number(parts[1]) : null;
  return index === null ? null : { kind: 'thumbnail', code, index };
}

/** A page the app's own code runs in: allowed to call the api and to be shown in a window. */
export function isAppPage(url: string, policy: Policy): boolean {
  const u = parse(url);
  if (!u) return false;
  if (isAppOrigin(u)) return true;
  const dev = devServer(policy);
  return dev !== null && u.protocol === dev.protocol && u.host === dev.host;
}

/** Every request a window makes passes here; anything that is not the app (or, in dev, its dev server) is cancelled. */
export function isAllowedRequest(url: string, policy: Policy): boolean {
  const u = parse(url);
  if (!u) return false;
  if (isAppOrigin(u) || isMediaOrigin(u)) return true;
  const dev = devServer(policy);
  if (!dev) return false;
  // Vite's hot reload talks over a websocket on the same host and port; DevTools loads its own pages.
  const socket = dev.protocol === 'https:' ? 'wss:' : 'ws:';
  return ((u.protocol === dev.protocol || u.protocol === socket) && u.host === dev.host) || u.protocol === 'devtools:';
}

/**
 * The built-in schemes Electron lets an app take over with protocol.handle: every request on them is answered
 * by the app (and failed) instead of reaching the network or the disk. WebSockets, ftp and the rest never reach
 * a protocol handler; the session's request filter cancels them (see isAllowedRequest), and the CSP refuses
 * data: and blob: in the page.
 */
export const INTERCEPTED_SCHEMES = ['http', 'https', 'file'] as const;

/** What a stopped request is logged as: its scheme and host only, as a path or query may carry names. */
export function describeBlocked(url: string): string {
  const u = parse(url);
  if (!u) return 'a malformed URL';
  return u.host ? `${u.protocol}//${u.host}` : u.protocol;
}

export function contentSecurityPolicy(policy: Policy): string {
  const dev = devServer(policy);
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    // Filmstrip pictures come from the media scheme too.
    'img-src': ["'self'", `${MEDIA_SCHEME}:`],
    // Video and audio come only from the app's media scheme (and 'self' for the renderer's own assets).
    'media-src': ["'self'", `${MEDIA_SCHEME}:`],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  if (dev) {
    // Dev only: Vite injects an inline React Refresh preamble and <style> tags, and hot-reloads over a websocket.
    directives['script-src']!.push("'unsafe-inline'");
    directives['style-src']!.push("'unsafe-inline'");
    directives['connect-src']!.push(`${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`);
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export interface WebPreferencesOptions {
  preload: string;
  devTools: boolean;
}

/** The renderer gets no Node, no Electron and no way around the browser sandbox; only the preload's api. */
export function secureWebPreferences({ preload, devTools }: WebPreferencesOptions) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from Google.
    spellcheck: false,
    safeDialogs: true,
    devTools,
  } as const;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The built renderer file an app:// URL names, or null for another origin or a path outside the renderer folder. */
export function rendererFileFor(url: string, rendererRoot: string): string | null {
  const u = parse(url);
  if (!u || !isAppOrigin(u)) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  const root = resolve(rendererRoot);
  const file = resolve(root, path === '/' ? 'index.html' : `.${path}`);
  return file.startsWith(root + sep) ? file : null;
}

export function responseHeaders(file: string, policy: Policy): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy(policy),
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  };
}
