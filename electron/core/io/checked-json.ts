// Data from outside the code — a tool's JSON output, a value the study stored — read through a zod schema,
// so a damaged or unexpected value becomes an AppError that says what to do, never a crash further in.

import type { z } from 'zod';
import type { AppError } from '../errors.ts';

/** "path.to.field: what is wrong; …", the first few of a schema's complaints, for a message. */
export function describeIssues(error: z.ZodError, whole = 'value'): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.length ? issue.path.join('.') : whole}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** `value` as the schema has it; otherwise `fail` turns what is wrong into the error to throw. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, fail: (problem: string) => AppError): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(describeIssues(result.error));
  return result.data;
}

/** JSON text read through `schema`; text that is not JSON fails the same way as a value of the wrong shape. */
export function parseJson<T>(schema: z.ZodType<T>, text: string, fail: (problem: string) => AppError): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // The parser quotes the start of the text, line breaks and all: one line reads better in a message.
    throw fail(`not JSON (${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim()})`);
  }
  return checked(schema, value, fail);
}
