// A fake origin for the renderer in Debian's Chromium: every request the page makes is answered here through
// Playwright's routing (no server, no network), media through the same byte-range answer as Electron's protocol.
import type { Readable } from 'node:stream';
import type { Page, Request, Route } from '@playwright/test';
import { answerRange, type MediaSource } from '../../../electron/core/media/serve.ts';
import { contentSecurityPolicy } from '../../../electron/main/policy.ts';

export const STATION_ORIGIN = 'https://station.test';
const MEDIA_PREFIX = '/media/';

/** Where the page finds a recording's media on the fake origin (Electron serves it as media://recording/<code>). */
export const mediaUrl = (code: string): string => `${STATION_ORIGIN}${MEDIA_PREFIX}${encodeURIComponent(code)}`;

export interface StationFile {
  body: string | Buffer;
  contentType: string;
}

/**
 * Answers a request as a web handler does (Electron's protocol.handle takes the same shape): the app harness
 * passes every request to the main process's own scheme handlers. Given the path and the Range header.
 */
export type StationHandler = (path: string, range: string | null) => Response | Promise<Response>;

export interface StationOptions {
  /** The page's own files by path ('/index.html', '/assets/…'); null for "not found". */
  files?: (path: string) => StationFile | null | Promise<StationFile | null>;
  /** A recording's media; null for "no such recording". */
  media?: (code: string) => MediaSource | null | Promise<MediaSource | null>;
  /** Largest answer to an open-ended range ("bytes=N-"); see serveMedia. Default 512 KiB. */
  mediaChunkBytes?: number;
  /** When given, answers every request instead of `files` and `media` (media paths still get their ranges cut to a chunk). */
  handler?: StationHandler;
}

/** One media request and what the page was sent. */
export interface MediaExchange {
  code: string;
  range: string | null;
  status: number;
  headers: Record<string, string>;
  bytes: number;
}

export interface Station {
  /** Every URL the page requested, in order. */
  readonly requests: string[];
  readonly media: MediaExchange[];
  /** Failures of the harness's own handlers (each was answered 500). */
  readonly errors: Error[];
  url(path?: string): string;
  /** Requests for anything but the fake origin; they were refused. */
  offOrigin(): string[];
}

async function readAll(body: Readable | null): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const notFound = (route: Route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });

/**
 * Routing cannot stream: a body is handed over whole. Answering the player's usual "bytes=0-" in full would give
 * it the entire file at once and no later seek would ever ask for a range. Electron streams the answer and the
 * player reads only what it needs, so here an open-ended range is cut to one chunk, as a server may do:
 * Content-Range says what was sent and the player asks for the rest when it needs it.
 */
function chunked(range: string | null, chunkBytes: number): string | null {
  const m = /^bytes=(\d+)-$/.exec(range ?? '');
  return m ? `bytes=${m[1]}-${Number(m[1]) + chunkBytes - 1}` : range;
}

async function serveMedia(route: Route, request: Request, code: string, options: StationOptions, station: Station): Promise<void> {
  const source = options.media ? await options.media(code) : null;
  if (!source) return notFound(route);
  const range = await request.headerValue('range');
  const answer = answerRange(source, chunked(range, options.mediaChunkBytes ?? 512 * 1024));
  const body = await readAll(answer.body);
  station.media.push({ code, range, status: answer.status, headers: answer.headers, bytes: body.length });
  await route.fulfill({ status: answer.status, headers: answer.headers, body });
}

async function serveFile(route: Route, path: string, options: StationOptions): Promise<void> {
  const file = options.files ? await options.files(path) : null;
  if (!file) return notFound(route);
  const headers: Record<string, string> = { 'content-type': file.contentType, 'x-content-type-options': 'nosniff' };
  // Pages get the packaged app's CSP, so what runs here would also run in Electron.
  if (file.contentType.startsWith('text/html')) headers['content-security-policy'] = contentSecurityPolicy({});
  await route.fulfill({ status: 200, headers, body: file.body });
}

/** Hands the request to `handler` and the page its whole answer; media answers are recorded like serveMedia's. */
async function serveByHandler(
  route: Route,
  request: Request,
  path: string,
  handler: StationHandler,
  options: StationOptions,
  station: Station,
): Promise<void> {
  const isMedia = path.startsWith(MEDIA_PREFIX);
  const range = await request.headerValue('range');
  const answer = await handler(path, isMedia ? chunked(range, options.mediaChunkBytes ?? 512 * 1024) : range);
  const body = Buffer.from(await answer.arrayBuffer());
  const headers = Object.fromEntries(answer.headers);
  if (isMedia)
    station.media.push({ code: decodeURIComponent(path.slice(MEDIA_PREFIX.length)), range, status: answer.status, headers, bytes: body.length });
  await route.fulfill({ status: answer.status, headers, body });
}

/** Routes every request of `page` to the fake origin; call before the first navigation. */
export async function openStation(page: Page, options: StationOptions): Promise<Station> {
  const station: Station = {
    requests: [],
    media: [],
    errors: [],
    url: (path = '/') => `${STATION_ORIGIN}${path}`,
    offOrigin: () => station.requests.filter((url) => !url.startsWith(`${STATION_ORIGIN}/`)),
  };
  page.on('request', (request) => void station.requests.push(request.url()));
  await page.route('**/*', async (route, request) => {
    const url = new URL(request.url());
    if (url.origin !== STATION_ORIGIN) return route.abort('blockedbyclient');
    try {
      if (options.handler) return await serveByHandler(route, request, url.pathname, options.handler, options, station);
      if (url.pathname.startsWith(MEDIA_PREFIX)) {
        return await serveMedia(route, request, decodeURIComponent(url.pathname.slice(MEDIA_PREFIX.length)), options, station);
      }
      return await serveFile(route, url.pathname, options);
    } catch (err) {
      station.errors.push(err instanceof Error ? err : new Error(String(err)));
      await route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal error' });
    }
  });
  return station;
}
