import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  contentSecurityPolicy,
  isAllowedRequest,
  isAppPage,
  MEDIA_SCHEME_PRIVILEGES,
  PRIVILEGED_SCHEMES,
  mediaRequestFor,
  rendererFileFor,
  responseHeaders,
  secureWebPreferences,
} from '../../electron/main/policy.ts';

const packaged = {};
const dev = { devServerUrl: 'http://localhost:5173' };

describe('which requests a window may make', () => {
  it('allows the app’s own scheme', () => {
    expect(isAllowedRequest(APP_ENTRY_URL, packaged)).toBe(true);
    expect(isAllowedRequest('app://station/assets/index-abc.js', packaged)).toBe(true);
  });

  it('allows the app’s media scheme for recordings, in the packaged app and in dev', () => {
    expect(isAllowedRequest('media://recording/D01-S01', packaged)).toBe(true);
    expect(isAllowedRequest('media://recording/D01-S01', dev)).toBe(true);
    expect(isAllowedRequest('media://elsewhere/D01-S01', packaged)).toBe(false);
  });

  it.each([
    'http://localhost:5173/',
    'https://fonts.googleapis.com/css?family=Roboto',
    'file:///etc/passwd',
    'ws://localhost:5173/',
    'wss://example.org/socket',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://station/0b7e',
    'app://elsewhere/index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
  ])('cancels %s in the packaged app', (url) => {
    expect(isAllowedRequest(url, packaged)).toBe(false);
  });

  it('allows the dev server (page and hot-reload socket) only when one is set, and no other port or host', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('http://example.org/', dev)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', dev)).toBe(false);
  });

  it('treats only the app (or the dev server in dev) as a page that may call the api', () => {
    expect(isAppPage(APP_ENTRY_URL, packaged)).toBe(true);
    expect(isAppPage('http://localhost:5173/', packaged)).toBe(false);
    expect(isAppPage('http://localhost:5173/', dev)).toBe(true);
    expect(isAppPage('ws://localhost:5173/', dev)).toBe(false);
    expect(isAppPage('file:///work/out/renderer/index.html', packaged)).toBe(false);
    expect(isAppPage('media://recording/D01-S01', packaged)).toBe(false);
    expect(isAppPage('', packaged)).toBe(false);
  });
});

describe('the window’s web preferences', () => {
  it('isolate the page from Node and Electron and keep the sandbox and web security on', () => {
    const prefs = secureWebPreferences({ preload: '/app/out/preload/index.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });
});

describe('the checklist’s web preferences, exactly', () => {
  it('turn on isolation, the sandbox and web security, and turn off Node, insecure content, experimental and Blink features', () => {
    expect(secureWebPreferences({ preload: '/p.cjs', devTools: false })).toEqual({
      preload: '/p.cjs',
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
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('name no extra Blink features to enable (any key not listed above fails the test above)', () => {
    const prefs: Record<string, unknown> = secureWebPreferences({ preload: '/p.cjs', devTools: true });
    expect(prefs['enableBlinkFeatures']).toBeUndefined();
    expect(prefs['experimentalFeatures']).toBe(false);
  });
});

describe('the content security policy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it('in the packaged app starts from nothing and allows only the app itself, with no remote origin or inline code', () => {
    const csp = directives(contentSecurityPolicy(packaged));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const [name, sources] of csp) {
      if (name === 'media-src' || name === 'img-src') continue;
      for (const source of sources) expect([`'self'`, `'none'`], `${name} ${source}`).toContain(source);
    }
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets video, audio and filmstrip pictures come from the media scheme, and nothing else load from it', () => {
    for (const policy of [packaged, dev]) {
      const csp = directives(contentSecurityPolicy(policy));
      expect(csp.get('media-src')).toEqual(["'self'", 'media:']);
      expect(csp.get('img-src')).toEqual(["'self'", 'media:']);
      const others = [...csp].filter(([name]) => name !== 'media-src' && name !== 'img-src').flatMap(([, sources]) => sources);
      expect(others.filter((source) => source.startsWith('media'))).toEqual([]);
    }
  });

  it('in dev adds only the local dev server’s socket and Vite’s inline preamble', () => {
    const csp = contentSecurityPolicy(dev);
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(contentSecurityPolicy(packaged)).not.toContain('unsafe');
  });

  it.each([
    ['packaged', packaged],
    ['dev', dev],
  ])('(%s) never allows eval, wildcards, data:, blob: or any remote origin', (_name, policy) => {
    const sources = [...directives(contentSecurityPolicy(policy)).values()].flat();
    for (const forbidden of ["'unsafe-eval'", "'wasm-unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:', 'filesystem:']) {
      expect(sources, forbidden).not.toContain(forbidden);
    }
    // The only origin named is the dev server's socket, on this machine.
    expect(sources.filter((s) => s.includes('//'))).toEqual(policy === dev ? ['ws://localhost:5173'] : []);
  });

  it('is sent with every file the app scheme serves, with its content type', () => {
    const headers = responseHeaders('/r/assets/index.js', packaged);
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy(packaged));
    expect(headers['content-type']).toMatch(/^text\/javascript/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the app scheme', () => {
  it('is registered standard and secure, so it is a real origin for the CSP and media streaming', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } });
  });

  it('is registered, with the media scheme, in the one table of privileged schemes', () => {
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toEqual(['app', 'media']);
  });

  it('serves files only from inside the built renderer folder', () => {
    const root = join('/opt', 'app', 'renderer');
    expect(rendererFileFor('app://station/', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('app://station/assets/a.js?x=1', root)).toBe(join(root, 'assets', 'a.js'));
    // URL parsing resolves dot segments (plain or %2e-encoded) at the root, so these stay inside.
    expect(rendererFileFor('app://station/../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(rendererFileFor('app://station/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(rendererFileFor('app://station/..%2F..%2Fetc%2Fpasswd', root)).toBeNull();
    expect(rendererFileFor('app://station/%E0%A4%A', root)).toBeNull();
    expect(rendererFileFor('app://other/index.html', root)).toBeNull();
    expect(rendererFileFor('file:///opt/app/renderer/index.html', root)).toBeNull();
  });
});

describe('the media scheme', () => {
  it('is registered standard, secure and streaming, so the player can ask for byte ranges and cancel them on a seek', () => {
    expect(MEDIA_SCHEME_PRIVILEGES).toEqual({ scheme: 'media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } });
  });

  it('names one recording by its code, or one filmstrip picture by code and index', () => {
    expect(mediaRequestFor('media://recording/D01-S01')).toEqual({ kind: 'recording', code: 'D01-S01' });
    expect(mediaRequestFor('media://recording/D%C3%BC%201?t=3')).toEqual({ kind: 'recording', code: 'Dü 1' });
    expect(mediaRequestFor('media://thumbnail/D01-S01/12')).toEqual({ kind: 'thumbnail', code: 'D01-S01', index: 12 });
  });

  it.each([
    'media://recording/',
    'media://recording/a/b',
    'media://recording/a%2Fb',
    'media://recording/%E0%A4%A',
    'media://other/D01-S01',
    'media://thumbnail/D01-S01',
    'media://thumbnail/D01-S01/-1',
    'media://thumbnail/D01-S01/1.5',
    'media://recording/D01-S01/3',
    'app://station/D01-S01',
    'file:///videos/D01-S01.mp4',
    'not a url',
  ])('names nothing to serve in %s', (url) => {
    expect(mediaRequestFor(url)).toBeNull();
  });
});
