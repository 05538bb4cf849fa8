// One async handler per contract channel, holding one window's open study and chosen coder.
// Every answer is a Result: bad input, a locked study or a core failure never throws to the caller.

import { rmSync } from 'node:fs';
import type { z } from 'zod';
import { segmentGrid } from '../coding/segments.ts';
import { AppError, toErrorValue, type Result } from '../errors.ts';
import { listRecordings } from '../recordings/registry.ts';
import { getScheme } from '../scheme/index.ts';
import { addCoder, getCoder, listCoders, type Coder } from '../store/coders.ts';
import { studyInfo } from '../store/info.ts';
import { getSettings } from '../store/settings.ts';
import { closeStudy, createStudy, openStudy, type Study } from '../store/study-file.ts';
import { CHANNELS, type Channel } from './channels.ts';
import { contract, type Out, type StudyInfo } from './contract.ts';

export interface ApiHandlerOptions {
  /** Audit actor for writes made before a coder is chosen (default 'app'). */
  actor?: string;
}

export type ApiHandlers = { [C in Channel]: (input: unknown) => Promise<Result<Out<C>>> };

type Parsed<C extends Channel> = z.output<(typeof contract)[C]['input']>;
type Implementations = { [C in Channel]: (input: Parsed<C>) => Out<C> };

function describeIssues(channel: Channel, error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`);
  return `The request "${channel}" was malformed (${issues.join('; ')}). This is a bug in the app: please report it with the steps that led to it.`;
}

export function createApiHandlers(options: ApiHandlerOptions = {}): ApiHandlers {
  const fallbackActor = options.actor ?? 'app';
  let study: Study | null = null;
  let coder: Coder | null = null;

  const actor = (): string => coder?.code ?? fallbackActor;

  const current = (): Study => {
    if (!study) throw new AppError('NO_STUDY_OPEN', 'No study is open. Open or create a study first.');
    return study;
  };

  const close = (): void => {
    const open = study;
    study = null;
    coder = null;
    if (open) closeStudy(open);
  };

  const info = (s: Study): StudyInfo => ({ path: s.path, ...studyInfo(s.db) });

  const implementations: Implementations = {
    'study.create': ({ path, passphrase, segmentSeconds, coder: first }) => {
      close();
      const created = createStudy(path, passphrase, { segmentSeconds, actor: fallbackActor });
      let added: Coder;
      try {
        added = addCoder(created.db, first, fallbackActor);
      } catch (err) {
        // A study nobody can code in is useless; remove the file we just made so the user can retry the same path.
        closeStudy(created);
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(created.path + suffix, { force: true });
        throw err;
      }
      study = created;
      coder = added;
      return { info: info(created), coder: added };
    },
    'study.open': ({ path, passphrase }) => {
      close();
      study = openStudy(path, passphrase);
      return info(study);
    },
    'study.close': () => {
      close();
      return null;
    },
    'study.info': () => info(current()),
    'session.selectCoder': ({ code }) => {
      coder = getCoder(current().db, code);
      return coder;
    },
    'coders.list': () => listCoders(current().db),
    'coders.add': (input) => addCoder(current().db, input, actor()),
    'recordings.list': () => {
      const { db } = current();
      const { segmentSeconds } = getSettings(db);
      return listRecordings(db).map((r) => ({
        code: r.code,
        durationMs: r.durationMs,
        segments: segmentGrid(r.durationMs, segmentSeconds).length,
      }));
    },
    'scheme.get': () => getScheme(getSettings(current().db).schemeId),
  };

  const handle = async <C extends Channel>(channel: C, input: unknown): Promise<Result<Out<C>>> => {
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(channel, parsed.error) } };
    try {
      const run = implementations[channel] as (value: unknown) => Out<C>;
      return { ok: true, value: run(parsed.data) };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  };

  return Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => handle(channel, input)])) as ApiHandlers;
}
