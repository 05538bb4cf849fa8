// One byte sequence per value, whatever order its keys were built in, so a signature made on one machine
// checks on another after the document has been parsed and rebuilt (keys sorted, no spaces: RFC 8785's shape
// for the values packets hold — strings, safe integers, booleans, null, arrays and plain objects).

import { AppError } from '../errors.ts';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Integers only: other numbers have more than one spelling across JSON writers.
    if (!Number.isSafeInteger(value)) throw new AppError('INVALID_INPUT', `A packet holds only whole numbers (got ${value}).`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new AppError('INVALID_INPUT', `A packet cannot hold a value of type ${typeof value}.`);
}
