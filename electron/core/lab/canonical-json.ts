// One byte sequence per value, whatever order its keys were built in, so a digest or signature made on one
// machine checks on another after the value has been parsed and rebuilt: keys sorted (JavaScript still puts
// integer-like keys first, in numeric order, the same way everywhere), no spaces, whole numbers only.

import { AppError } from '../errors.ts';

/** Sorts each object's keys and refuses numbers with more than one spelling; JSON.stringify does the writing. */
function canonicalize(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value))
    throw new AppError('INVALID_INPUT', `A packet holds only whole numbers (got ${value}).`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, canonicalize);
  if (text === undefined) throw new AppError('INVALID_INPUT', `A packet cannot hold a value of type ${typeof value}.`);
  return text;
}
