// Text a person hands in (an import): read from a regular file of bounded size a chunk at a time, checked
// for bytes a text file does not hold, and decoded as UTF-8 unless they say it is Latin-1 or Windows-1252.

import { closeSync, createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { MAX_INPUT_BYTES, openRegularFile } from './regular-file.ts';

export const TEXT_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const ENCODING_NAMES: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

/** The encoding a person named, in any of its usual spellings. */
export function checkEncoding(name: string): TextEncoding {
  const found = Object.hasOwn(ENCODING_NAMES, name.toLowerCase()) ? ENCODING_NAMES[name.toLowerCase()] : undefined;
  if (!found) throw new AppError('INVALID_INPUT', `"${name}" is not an encoding this import reads. Use utf-8 (the default), latin1 or windows-1252.`);
  return found;
}

/** Text as bytes arriving in chunks, in a known encoding. */
export interface TextInput {
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  encoding: TextEncoding;
}

/** Text already in memory (tests, or a caller that has it), as the same kind of input as a file. */
export const textInput = (text: string): TextInput => ({ chunks: [Buffer.from(text, 'utf8')], encoding: 'utf-8' });

export interface TextFile extends TextInput {
  path: string;
  size: number;
  /** Closes the file if reading never began or stopped early; nothing otherwise. */
  close(): void;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Opens a regular file of at most MAX_INPUT_BYTES (see regular-file.ts) as text input. Reading starts when
 * `chunks` is iterated; the stream closes the file when the iteration ends, however it ends.
 */
export function openTextFile(path: string, what: string, encoding: TextEncoding = 'utf-8'): TextFile {
  const file = openRegularFile(path, what, MAX_INPUT_BYTES);
  if (file.size === 0) {
    closeSync(file.fd);
    return { path: file.path, size: 0, encoding, chunks: [], close: () => {} };
  }
  // `end`: bytes written after the size was checked are not read.
  const stream = createReadStream('', { fd: file.fd, highWaterMark: CHUNK_BYTES, start: 0, end: file.size - 1 });
  return { path: file.path, size: file.size, encoding, chunks: stream, close: () => void stream.destroy() };
}

/** What was wrong with a text's bytes, in an AppError's details, so a caller can add what it offers (an encoding option). */
export type TextBytesProblem = 'nul' | 'not-utf-8';

const bytesError = (line: number, problem: TextBytesProblem, message: string): AppError => new AppError('CSV_INVALID', message, { line, problem });

const countNewlines = (bytes: Uint8Array, end = bytes.length): number => {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
};

/** Where in a chunk the first byte UTF-8 does not allow lies: the first replacement character of a lenient decode. */
function firstBadByteLine(chunk: Uint8Array): number {
  // A character begun in the previous chunk leaves continuation bytes (10xxxxxx) at the start of this one.
  let skip = 0;
  while (skip < 3 && skip < chunk.length && (chunk[skip]! & 0xc0) === 0x80) skip++;
  const text = new TextDecoder('utf-8').decode(chunk.subarray(skip));
  const at = text.indexOf('\uFFFD');
  return at < 0 ? countNewlines(chunk) : (text.slice(0, at).match(/\n/g)?.length ?? 0);
}

/**
 * The text of `input`, decoded chunk by chunk. Refused with the line: a NUL byte (a binary file, or UTF-16),
 * which is never echoed; and, in UTF-8, bytes UTF-8 does not allow (a Latin-1 or Windows-1252 file). A UTF-8
 * byte order mark is dropped. `onBytes` sees every chunk before it is decoded.
 */
export async function* decodeText(input: TextInput, onBytes?: (chunk: Uint8Array) => void): AsyncGenerator<string> {
  const utf8 = input.encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  const other = utf8 ? undefined : iconv.getDecoder(input.encoding);
  let line = 1;
  for await (const chunk of input.chunks) {
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      const at = line + countNewlines(chunk, nul);
      throw bytesError(
        at,
        'nul',
        `line ${at} holds a NUL byte, which text does not: the file is not a text file, or it was saved as UTF-16. Save it as UTF-8 text.`,
      );
    }
    onBytes?.(chunk);
    let text: string;
    try {
      text = utf8 ? utf8.decode(chunk, { stream: true }) : other!.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch {
      throw notUtf8(line + firstBadByteLine(chunk));
    }
    line += countNewlines(chunk);
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = utf8 ? utf8.decode() : (other!.end() ?? '');
  } catch {
    throw notUtf8(line);
  }
  if (tail) yield tail;
}

function notUtf8(line: number): AppError {
  return bytesError(
    line,
    'not-utf-8',
    `line ${line} has bytes that are not UTF-8 text, as when a spreadsheet saves accented letters (é, ü) in Latin-1 or Windows-1252. Save the file as UTF-8 (e.g. "CSV UTF-8"), or give its encoding (latin1 or windows-1252).`,
  );
}
