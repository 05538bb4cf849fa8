import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../electron/core/io/csv-table.ts';
import { parseEventsCsv } from '../../electron/core/io/events-csv.ts';
import { checkEncoding, openTextFile, textInput, type TextEncoding } from '../../electron/core/io/read-text-file.ts';
import { MAX_INPUT_BYTES } from '../../electron/core/io/regular-file.ts';
import { scheme3rs2015 as scheme } from '../../electron/core/scheme/index.ts';
import { writeEventsCsv } from '../helpers/csv-files.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const HEADER = 'time,code,clarity,note\n';

const readFile = (path: string, encoding?: TextEncoding) => parseEventsCsv(openTextFile(path, 'CSV file', encoding), { scheme });

async function problem(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the input to be refused');
}

describe('an import reads regular files only, of at most 50 MB', () => {
  it('refuses a named pipe from its metadata, without opening it (opening one waits for a writer)', () => {
    const fifo = join(tempDir(), 'events.csv');
    execFileSync('mkfifo', [fifo]);
    expect(() => openTextFile(fifo, 'CSV file')).toThrow(/is a named pipe \(FIFO\).*not a file\. Save the CSV file as an ordinary file/);
  });

  it('refuses a device such as /dev/zero, a folder, and a missing file, each saying what to do', () => {
    expect(() => openTextFile('/dev/zero', 'CSV file')).toThrow(/\/dev\/zero is a device, which could be read without end, not a file/);
    const folder = join(tempDir(), 'a folder.csv');
    mkdirSync(folder);
    expect(() => openTextFile(folder, 'CSV file')).toThrow(/is a folder, not a file/);
    expect(() => openTextFile(join(folder, 'absent.csv'), 'CSV file')).toThrow(/No CSV file at .*absent\.csv\. Check the path/);
  });

  it('refuses a file over the limit before reading it, stating the limit', () => {
    const big = join(tempDir(), 'big.csv');
    writeFileSync(big, HEADER);
    truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: nothing is written
    expect(() => openTextFile(big, 'CSV file')).toThrow(/is 50\.0 MB; a CSV file may be at most 50 MB\. Split it into smaller files/);
    truncateSync(big, 60 * 1024 * 1024);
    expect(() => openTextFile(big, 'CSV file')).toThrow(/is 60\.0 MB; a CSV file may be at most 50 MB/);
  });

  it('reads a file across many chunks: a quote left open is found on its line, and a letter split between chunks stays whole', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => `${i / 10},W1,check,"café-${'x'.repeat(i % 50)}"`);
    // The file is read 64 KiB at a time: put the two bytes of an é on either side of the first boundary.
    let text = HEADER;
    for (let i = 0; Buffer.byteLength(text) < 65_400; i++) text += `${i / 10},W1,check,plain\n`;
    const pad = 65_535 - Buffer.byteLength(text) - '9,W1,check,'.length;
    text += `9,W1,check,${'x'.repeat(pad)}é\n`;
    expect(Buffer.from(text).subarray(65_535, 65_537).toString()).toBe('é');
    const good = join(dir, 'good.csv');
    writeFileSync(good, text);
    const marks = await readFile(good);
    expect(marks.at(-1)).toMatchObject({ note: `${'x'.repeat(pad)}é` });

    const open = join(dir, 'open.csv');
    const plain = rows.slice(0, 400).map((row) => row.replaceAll('"', ''));
    writeFileSync(open, `${HEADER}${rows.slice(0, 2500).join('\n')}\n1,W2,check,"never closed\n${plain.join('\n')}\n`);
    expect(await problem(() => readFile(open))).toMatchObject({
      code: 'CSV_INVALID',
      message: expect.stringMatching(/^line 2502: a quoted field opens here but is never closed/),
    });
  });

  it('quotes at most a glimpse of a bad field: a pasted page does not come back in the message', async () => {
    const long = 'W'.repeat(10_000);
    const code = await problem(() => parseEventsCsv(textInput(`${HEADER}1,${long},check,\n`), { scheme }));
    expect(code.message).toMatch(/^line 2: "W{40}…" is not a marker code/);
    expect(code.message.length).toBeLessThan(300);
    const header = await problem(() => parseEventsCsv(textInput(`${long}\n1,W1,check,\n`), { scheme }));
    expect(header.message.length).toBeLessThan(300);
  });

  it('refuses a row longer than any valid row can be, rather than holding it', async () => {
    expect((await problem(() => parseEventsCsv(textInput(`${HEADER}1,W1,check,"${'n'.repeat(70_000)}"\n`), { scheme }))).message).toMatch(
      /^line 2: this row is longer than 65,536 characters/,
    );
  });
});

describe('an import reads UTF-8 unless told otherwise', () => {
  const latin1 = Buffer.from(`${HEADER}1,W1,check,caf\xe9 cr\xe8me\n2,W2,check,\n`, 'latin1');

  it('refuses a Latin-1 file with "save it as UTF-8", naming the line, instead of turning accents into U+FFFD', async () => {
    const file = join(tempDir(), 'latin1.csv');
    writeFileSync(file, latin1);
    const err = await problem(() => readFile(file));
    expect(err).toMatchObject({ code: 'CSV_INVALID', details: { line: 2, problem: 'not-utf-8' } });
    expect(err.message).toMatch(
      /^line 2 has bytes that are not UTF-8 text.* Save the file as UTF-8.*or give its encoding \(latin1 or windows-1252\)/,
    );
  });

  it('reads the same file as Latin-1 or Windows-1252 when told so', async () => {
    const file = join(tempDir(), 'latin1.csv');
    writeFileSync(file, latin1);
    expect((await readFile(file, 'latin1'))[0]).toMatchObject({ note: 'café crème' });
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(HEADER), Buffer.from([0x31, 0x2c, 0x57, 0x31, 0x2c]), Buffer.from('check,'), Buffer.from([0x80, 0x35, 0x0a])]),
    );
    expect((await readFile(file, checkEncoding('Windows-1252')))[0]).toMatchObject({ note: '€5' });
  });

  it('refuses a NUL byte with its line, never echoing it, and so a UTF-16 file', async () => {
    const dir = tempDir();
    const nul = join(dir, 'nul.csv');
    writeFileSync(nul, `${HEADER}1,W1,check,\n2,W\u00002,check,\n`);
    const err = await problem(() => readFile(nul));
    expect(err.message).toMatch(/^line 3 holds a NUL byte.*Save it as UTF-8 text\./);
    expect(err.message).not.toContain('\u0000');
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}1,W1,check,\n`, 'utf16le')]));
    expect((await problem(() => readFile(utf16))).message).toMatch(/^line 1 holds a NUL byte.*saved as UTF-16/);
  });

  it('knows the usual spellings of the encodings and refuses others', () => {
    expect(['UTF8', 'utf-8', 'ISO-8859-1', 'latin1', 'cp1252'].map(checkEncoding)).toEqual(['utf-8', 'utf-8', 'latin1', 'latin1', 'windows-1252']);
    expect(() => checkEncoding('ebcdic')).toThrow(
      /"ebcdic" is not an encoding this import reads\. Use utf-8 \(the default\), latin1 or windows-1252/,
    );
  });
});

describe('an import is parsed as a stream', () => {
  it('rows reach the caller while the file is still being read', async () => {
    const seen: number[] = [];
    let firstRow: () => void = () => {};
    const firstRowSeen = new Promise<void>((resolve) => (firstRow = resolve));
    const chunks = (async function* () {
      yield Buffer.from('item,value\nW1,1\nW2,2\n');
      // The rest of the file comes only once the first row has been handed over: a reader that waited for the
      // whole file would wait here until the timeout.
      await Promise.race([
        firstRowSeen,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the first row was not handed over before the end of the file')), 2000)),
      ]);
      yield Buffer.from('W3,3\n');
    })();
    await readCsvTable({ chunks, encoding: 'utf-8' }, ['item', 'value'], 2, (row) => {
      seen.push(row.line);
      firstRow();
    });
    expect(seen).toEqual([2, 3, 4]);
  });

  it('a ~20 MB file is parsed in a heap capped at twice its size (the loaded code aside)', async () => {
    const file = join(tempDir(), 'notes-heavy.csv');
    const rows = writeEventsCsv(file, 20 * 1024 * 1024);
    // The code the parse loads holds about 10 MB of heap before it starts; the probe reports it.
    const allowanceMb = 12;
    const capMb = Math.ceil((2 * 20 * 1024 * 1024) / (1024 * 1024)) + allowanceMb;
    const probe = fileURLToPath(new URL('../helpers/csv-memory-probe.ts', import.meta.url));
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${capMb}`, '--max-semi-space-size=1', probe, file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.stderr).not.toMatch(/heap out of memory/);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as { rows: number; baselineHeap: number };
    expect(result.rows).toBe(rows);
    expect(result.baselineHeap).toBeLessThan(allowanceMb * 1024 * 1024);
  }, 60_000);
});
