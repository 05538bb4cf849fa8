import { describe, expect, it } from 'vitest';
import { parseEventsCsv } from '../../electron/core/io/events-csv.ts';
import { textInput } from '../../electron/core/io/read-text-file.ts';
import { scheme3rs2015 as scheme } from '../../electron/core/scheme/index.ts';

const parse = (text: string, durationMs?: number) => parseEventsCsv(textInput(text), { scheme, durationMs });
const HEADER = 'time,code,clarity,note\n';

/** The CSV_INVALID message for a file, or undefined when it parses. */
async function problem(text: string, durationMs?: number): Promise<string | undefined> {
  try {
    await parse(text, durationMs);
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: 'CSV_INVALID' });
    return (err as Error).message;
  }
}

describe('reading marks from a CSV file', () => {
  it('reads every time form, normalises code and clarity case, and keeps notes', async () => {
    const marks = await parse(`${HEADER}12.5,w2,check,\n01:30,C1,CHECK-MINUS,"said ""no"", then paused"\n1:00:00.25,R10,check,\n`);
    expect(marks).toEqual([
      { code: 'W2', clarity: 'check', timeMs: 12_500 },
      { code: 'C1', clarity: 'check-minus', timeMs: 90_000, note: 'said "no", then paused' },
      { code: 'R10', clarity: 'check', timeMs: 3_600_250 },
    ]);
  });

  it('accepts a UTF-8 byte order mark, CRLF line ends, padded fields, blank lines and a left-out note', async () => {
    const text = `\uFEFFTime, Code ,Clarity,NOTE\r\n 5 , W1 , check , géné \r\n\r\n6,W3,check-minus\r\n`;
    expect(await parse(text)).toEqual([
      { code: 'W1', clarity: 'check', timeMs: 5_000, note: 'géné' },
      { code: 'W3', clarity: 'check-minus', timeMs: 6_000 },
    ]);
  });

  it('names the line of a bad code, counting the header as line 1', async () => {
    expect(await problem(`${HEADER}1,W1,check,\n2,W2,check,\n3,X9,check,\n`)).toMatch(/^line 4: "X9" is not a marker code.*W1–W7, C1–C7, R1–R10/);
  });

  it('names the line of a bad clarity and says what is allowed', async () => {
    expect(await problem(`${HEADER}1,W1,check,\n2,W2,maybe,\n`)).toMatch(/^line 3: .*"check".*"check-minus"/);
  });

  it('names the line of a bad time', async () => {
    expect(await problem(`${HEADER}1,W1,check,\n1:75,W2,check,\n`)).toMatch(/^line 3: "1:75" is not a valid time: seconds must be below 60/);
  });

  it('refuses a time after the end of the recording, on its line', async () => {
    expect(await problem(`${HEADER}10:00,W1,check,\n10:31,W1,check,\n`, 630_000)).toMatch(
      /^line 3: time 10:31 is after the end of the recording \(10:30\)/,
    );
    expect(await problem(`${HEADER}10:30,W1,check,\n`, 630_000)).toBeUndefined();
  });

  it('counts blank lines and multi-line notes when naming a line', async () => {
    expect(await problem(`${HEADER}\n1,W1,check,"two\nlines"\n\n2,Q1,check,\n`)).toMatch(/^line 6:/);
    expect(await problem(`${HEADER}\n1,Q1,check,"a note on\ntwo lines"\n`)).toMatch(/^line 3:/);
  });

  it('names the line of a row with too many or too few columns', async () => {
    expect(await problem(`${HEADER}1,W1,check,,extra\n`)).toMatch(/^line 2: expected 4 columns \(time,code,clarity,note\) but found 5/);
    expect(await problem(`${HEADER}1,W1,check,\n2,W1\n`)).toMatch(/^line 3: expected 4 columns .* found 2/);
  });

  it('names the line where an unclosed quote opens, not the end of the file', async () => {
    expect(await problem(`${HEADER}1,W1,check,\n2,W1,check,"unclosed\n3,W2,check,\n4,W2,check,\n`)).toMatch(
      /^line 3: a quoted field opens here but is never closed/,
    );
  });

  it('names the line of a stray quote inside a field', async () => {
    expect(await problem(`${HEADER}1,W1,check,\n2,W1,check,he said "no"\n`)).toMatch(/^line 3: a quote/);
  });

  it('requires the exact header', async () => {
    expect(await problem('time,code,note,clarity\n1,W1,,check\n')).toMatch(/^line 1: the header must be "time,code,clarity,note"/);
    expect(await problem('1,W1,check,\n')).toMatch(/^line 1: the header must be/);
    expect(await problem('time;code;clarity;note\n1;W1;check;\n')).toMatch(/^line 1: .*uses semicolons: save it with commas/);
  });

  it('refuses an empty file and a file with only the header', async () => {
    expect(await problem('')).toMatch(/no rows/);
    expect(await problem('\uFEFF\r\n')).toMatch(/no rows/);
    expect(await problem(HEADER)).toMatch(/no rows: the file has only the header/);
  });
});
