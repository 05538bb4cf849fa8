// The core's api as a test drives it: handlers whose study is closed after each test, and answers unwrapped.

import { afterEach } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../electron/core/api/handlers.ts';
import type { Result } from '../../electron/core/errors.ts';

/** For a test file that opens studies through the api: each call gives fresh handlers, closed after the test. */
export function useApiHandlers(): () => ApiHandlers {
  const opened: ApiHandlers[] = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()!['study.close']({});
  });
  return () => {
    const api = createApiHandlers();
    opened.push(api);
    return api;
  };
}

/** The value of an answer; a refusal fails the test with its code and message. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
