// One async handler per contract channel, over one window's session (open study + chosen coder).
// Every answer is a Result: bad input, a locked study or a core failure never throws to the caller.

import type { z } from 'zod';
import { toErrorValue, type Result } from '../errors.ts';
import { describeIssues } from '../io/checked-json.ts';
import { CHANNELS, type Channel, type EventName } from './channels.ts';
import { codingHandlers } from './coding-handlers.ts';
import { contract, type EventPayload, type Out } from './contract.ts';
import type { Implementations } from './implementation.ts';
import { createJobs } from './jobs.ts';
import { electronMediaUrls, mediaHandlers, type MediaUrls } from './media-handlers.ts';
import { reviewHandlers } from './review-handlers.ts';
import { labHandlers } from './lab-handlers.ts';
import { securityHandlers } from './security-handlers.ts';
import { fileHandlers, type FileChooser } from './file-handlers.ts';
import { createSession, type Session } from './session.ts';
import { studyHandlers } from './study-handlers.ts';

export interface ApiHandlerOptions {
  /** Audit actor for writes made before a coder is chosen (default 'app'). */
  actor?: string;
  /** Where the host serves recordings and filmstrip pictures (default: Electron's media:// scheme). */
  mediaUrls?: MediaUrls;
  /** How many outgoing requests the host stopped this session (Electron's main process counts them; default 0). */
  blockedRequests?: () => number;
  /** Told of the page's activity (session.activity): the main process keeps its idle deadline from it. */
  onActivity?: (report: { idleMinutes: number }) => void;
  /** A native file dialog (files.choose): the chosen path, or null when cancelled. Hosts without one leave it out. */
  chooseFile?: FileChooser;
  /** Pushes an event to this window's page without waiting for an answer (job progress); hosts without a page leave it out. */
  push?: PushEvent;
}

/** Tells the page something the core did (fire and forget): the host carries it as it carries every pushed event. */
export type PushEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type ApiHandlers = { [C in Channel]: (input: unknown) => Promise<Result<Out<C>>> };

const sessions = new WeakMap<ApiHandlers, Session>();

/** The session (open study, coder) behind a window's handlers, for main-process services that are no channel: the media scheme. */
export function sessionOf(handlers: ApiHandlers): Session | undefined {
  return sessions.get(handlers);
}

/** A payload that fails the contract's schema: the app sent it, not the user, so it is a bug (BAD_REQUEST), and nothing ran. */
function malformed(channel: Channel, error: z.ZodError): string {
  return `The request "${channel}" was malformed (${describeIssues(error, 'input')}), so nothing was done. This is a bug in the app: please report it with the steps that led to it.`;
}

export function createApiHandlers(options: ApiHandlerOptions = {}): ApiHandlers {
  const fallbackActor = options.actor ?? 'app';
  const session = createSession(fallbackActor);
  const push = options.push;
  const jobs = createJobs(push && ((status) => push('job.changed', status)));
  // Calls under way, which a close waits for: a write sent before a lock is committed, never cut off.
  const inFlight = new Set<Promise<unknown>>();
  // Jobs hold the study's connection: they stop before it closes, never after.
  const close = async (): Promise<void> => {
    await Promise.allSettled([...inFlight]);
    await jobs.cancelAll();
    session.close();
  };
  const study = studyHandlers(session, fallbackActor, close);
  const implementations: Implementations = {
    ...study,
    // Jobs belong to who started them: when another coder is chosen at this window, the last one's jobs stop and are
    // forgotten, so their results (an export's manifest, the videos located) are not the next person's to read.
    'session.selectCoder': async (input) => {
      const before = session.chosen()?.code;
      const chosen = await study['session.selectCoder'](input);
      if (before !== undefined && before !== chosen.code) await jobs.cancelAll();
      return chosen;
    },
    ...codingHandlers(session),
    ...mediaHandlers(session, jobs, options.mediaUrls ?? electronMediaUrls),
    ...reviewHandlers(session, jobs),
    ...securityHandlers(session, { blockedRequests: options.blockedRequests ?? (() => 0), onActivity: options.onActivity }),
    ...labHandlers(session, jobs),
    ...fileHandlers(options.chooseFile),
  };

  const handle = async <C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>> => {
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: malformed(channel, parsed.error) } };
    try {
      const run = implementations[channel] as (value: unknown) => Out<C> | Promise<Out<C>>;
      return { ok: true, value: await run(parsed.data) };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  };

  // The study's own lifecycle calls close themselves: waiting for them there would wait forever.
  const tracked = (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const answer = handle(channel, input);
    if (channel === 'study.create' || channel === 'study.open' || channel === 'study.close') return answer;
    inFlight.add(answer);
    void answer.finally(() => inFlight.delete(answer));
    return answer;
  };

  const handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => tracked(channel, input)])) as ApiHandlers;
  sessions.set(handlers, session);
  return handlers;
}
