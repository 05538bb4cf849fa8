// The messages between the main process (which routes) and the core's worker (which holds every open study).
// Plain data only: they cross by structured clone, media bytes by transferred ArrayBuffers.

import type { Channel, EventName } from '../core/api/channels.ts';
import type { ErrorValue, Result } from '../core/errors.ts';
import type { PathKind } from '../core/io/user-path.ts';

/** Where the host serves media, as data (a function cannot cross): a recording is `recording` + its code, a picture `thumbnail` + code/index. */
export interface MediaUrlBases {
  recording: string;
  thumbnail: string;
}

/** What a media URL asks for (the main process parses the URL; see mediaRequestFor in electron/main/policy.ts). */
export type MediaAsk = { kind: 'recording'; code: string } | { kind: 'thumbnail'; code: string; index: number };

/** The status line and headers of a media answer; its bytes follow in chunks. */
export interface MediaHead {
  status: number;
  headers: Record<string, string>;
}

/** One window's handlers, as ApiHandlerOptions without the functions: those are messages back to the main process. */
export interface WindowSetup {
  actor?: string;
  mediaUrls?: MediaUrlBases;
  /** The host has a native file dialog (files.choose asks the main process for it). */
  canChoose: boolean;
}

export type ToWorker =
  | { type: 'open'; window: number; setup: WindowSetup }
  /** `blocked`: the host's count of stopped requests at the time of the call, for app.security. */
  | { type: 'call'; window: number; id: number; channel: Channel; input: unknown; blocked: number }
  | { type: 'chosen'; id: number; path: string | null; error?: string }
  | { type: 'media'; window: number; id: number; asked: MediaAsk; range: string | null }
  /** The reader can take `chunks` more chunks of media answer `id` (a credit: the worker sends no more than it was granted). */
  | { type: 'media.pull'; id: number; chunks: number }
  | { type: 'media.cancel'; id: number }
  /** The window is gone: its study closes (calls under way committed first) and its handlers are dropped. */
  | { type: 'release'; window: number; id: number };

export type FromWorker =
  | { type: 'answer'; id: number; result: Result<unknown> }
  | { type: 'push'; window: number; name: EventName; payload: unknown }
  | { type: 'activity'; window: number; report: { idleMinutes: number } }
  | { type: 'choose'; window: number; id: number; kind: PathKind }
  | { type: 'media.head'; id: number; head: MediaHead; body: boolean }
  | { type: 'media.chunk'; id: number; chunk: ArrayBuffer }
  | { type: 'media.end'; id: number }
  | { type: 'media.failed'; id: number; error: ErrorValue }
  | { type: 'released'; id: number };
