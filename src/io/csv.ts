// Longer than ~300 lines on purpose: the csv reader with its line fast path and the general path that must give the same row or error (a property test checks this).
import type { Options as ParseOptions } from 'csv-parse';
import { type FileHandle, open } from 'node:fs/promises';
import { BurdenError, EXIT, quote } from '../errors.js';
import { type InputSource, type ScanResult, openSource } from './source.js';

/**
 * Does the first line announce a GENESIS export ("Tabelle: 12521-0041", "GENESIS-Tabelle:
 * 12411-01-01-4")? Here, not in io/genesis.ts, so that detecting loads nothing.
 */
export const looksLikeGenesis = (firstLine: string): boolean => /^\uFEFF?"?(?:GENESIS-)?Tabelle:\s*\d{5}-[\w-]+/i.test(firstLine.trim());

/**
 * The CSV reader. Files without a double quote anywhere take a fast path that splits lines
 * and fields directly; every other file goes through csv-parse, which handles quoted fields,
 * escaped quotes and line breaks inside fields. Both produce the same records, and the test
 * suite checks both against csv-spectrum and the bad-input corpus.
 */
export interface CsvRecord {
  fields: string[];
  /** The line on which the record starts (1-based; the header is line 1). */
  line: number;
}

export type Delimiter = ',' | ';' | '\t';

export interface CsvFile {
  source: InputSource;
  scan: ScanResult;
  /** The file the records come from: the source's path, or the temporary copy of a stream. */
  path: string;
  delimiter: Delimiter;
  header: string[];
  /** Record batches after the header, in file order. */
  batches(): AsyncGenerator<CsvRecord[]>;
  /** Raw line batches after the header: only for quote-free files, where a line is a record. */
  lines: (() => AsyncGenerator<PlainLines>) | null;
  /** How the file was read when it was not a plain CSV (a GENESIS export: lines skipped, EU2 derived). */
  notes?: readonly string[];
}

export interface CsvOptions {
  /**
   * Read with csv-parse even when the file has no quote. The fast path exists for speed
   * only, so the test suite reads quote-free files both ways and compares the records.
   */
  forceGeneralPath?: boolean;
  /** The sheet of an Excel workbook to read (default: the first). */
  sheet?: string | undefined;
}

/** Whether a regular file starts like a ZIP archive (an .xlsx workbook); false for anything unreadable (the CSV path reports it). */
async function startsWithZip(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if (!(await handle.stat()).isFile()) return false;
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32BE(0) === 0x504b0304;
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A record longer than this is refused: no municipal CSV needs a megabyte in one row. */
export const MAX_RECORD_CHARS = 1 << 20;
const BATCH = 4096;

const DELIMITERS: Delimiter[] = [',', ';', '\t'];
const delimiterName = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);

/**
 * Pick the delimiter from the header line: the most frequent of , ; tab outside quotes. A
 * quote opens a quoted field only at the start of a field, as in RFC 4180; elsewhere it is
 * an ordinary character (csv-spectrum's `37.8"N`).
 */
export function detectDelimiter(headerLine: string, source: InputSource): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let fieldStart = true;
  for (const ch of headerLine) {
    if (inQuotes) {
      if (ch === '"') inQuotes = false; // a doubled quote closes and reopens: same effect
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    const isDelimiter = counts.has(ch as Delimiter);
    if (isDelimiter) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
    fieldStart = isDelimiter;
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) {
    throw new BurdenError(EXIT.dataError, `no delimiter in the header ${quote(headerLine)}`, { file: source.name, line: 1 },
      'separate columns with "," ";" or tab; the file needs at least the columns ags and eu2');
  }
  if (second && second[1] === best[1]) {
    throw new BurdenError(EXIT.dataError,
      `the header has as many ${delimiterName(best[0])} as ${delimiterName(second[0])}: cannot tell the delimiter`,
      { file: source.name, line: 1 }, 'use one delimiter throughout the file');
  }
  return best[0];
}

function tooLong(source: InputSource, line: number): BurdenError {
  return new BurdenError(EXIT.dataError, `the record is longer than ${MAX_RECORD_CHARS} characters`, { file: source.name, line },
    'check for a missing closing quote or a field pasted by mistake');
}

/** Lines of a quote-free file, as read: their text and line numbers, in parallel arrays. */
export interface PlainLines {
  texts: string[];
  lines: number[];
}

/**
 * Fast path: no quotes in the file, so every line break ends a record. Lines come in
 * batches of raw text; `plainBatches` splits them into fields, and the row reader can parse
 * a line without splitting it at all (io/rows.ts readLine).
 */
export async function* plainLines(chunks: AsyncIterable<string> | Iterable<string>, source: InputSource, skipHeader: boolean, firstLine = 1): AsyncGenerator<PlainLines> {
  let pending = '';
  let line = firstLine - 1;
  let headerSkipped = !skipHeader;
  let batch: PlainLines = { texts: [], lines: [] };
  // A CR is part of the line end only before a LF (CRLF), as csv-parse reads it; a CR at the
  // very end of an unterminated last line stays in the field.
  const take = (text: string, terminated: boolean): void => {
    line += 1;
    const body = terminated && text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (body.length > MAX_RECORD_CHARS) throw tooLong(source, line);
    if (!headerSkipped) {
      headerSkipped = true;
      return;
    }
    if (body.length === 0) return;
    batch.texts.push(body);
    batch.lines.push(line);
  };
  for await (const chunk of chunks) {
    let start = 0;
    let text = pending + chunk;
    let newline = text.indexOf('\n', start);
    while (newline >= 0) {
      take(text.slice(start, newline), true);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    pending = text.slice(start);
    text = '';
    if (pending.length > MAX_RECORD_CHARS) throw tooLong(source, line + 1);
    if (batch.texts.length >= BATCH) {
      yield batch;
      batch = { texts: [], lines: [] };
    }
  }
  if (pending.length > 0) take(pending, false);
  if (batch.texts.length) yield batch;
}

async function* plainBatches(chunks: AsyncIterable<string>, delimiter: Delimiter, source: InputSource, skipHeader: boolean): AsyncGenerator<CsvRecord[]> {
  for await (const { texts, lines } of plainLines(chunks, source, skipHeader)) {
    yield texts.map((text, i) => ({ fields: text.split(delimiter), line: lines[i] ?? 0 }));
  }
}

const lineFeeds = (fields: readonly string[]): number => {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) count += 1;
  }
  return count;
};

/**
 * Where each csv-parse record starts. csv-parse counts the line on which a record ends, and
 * its count is off for CRLF files; the start is what people need (a quote left open on line
 * 4 is reported at the end of the file). So it is counted here: a record starts after the
 * previous one and the empty lines skipped since, and spans as many lines as the line feeds
 * in its fields. This runs inside the parser (on_record), so it is current when an error is
 * thrown, however far the consumer lags behind.
 */
class LineTracker {
  private end = 0;
  private emptySeen = 0;

  /** The line the next record starts on, given csv-parse's running count of skipped empty lines (if known). */
  nextStart(emptyLines: number = this.emptySeen): number {
    return this.end + 1 + (emptyLines - this.emptySeen);
  }

  record(fields: string[], emptyLines: number): CsvRecord {
    const line = this.nextStart(emptyLines);
    this.end = line + lineFeeds(fields);
    this.emptySeen = emptyLines;
    return { fields, line };
  }
}

/** General path: csv-parse, loaded only when a file needs it. */
async function* quotedBatches(chunks: AsyncIterable<string>, delimiter: Delimiter, source: InputSource, skipHeader: boolean): AsyncGenerator<CsvRecord[]> {
  const { parse } = await import('csv-parse');
  const lines = new LineTracker();
  const options: ParseOptions<CsvRecord, string[]> = {
    delimiter,
    bom: true,
    relax_column_count: true,
    // A quote inside an unquoted field is an ordinary character (csv-spectrum's `37.8"N`); a
    // field that starts with a quote must still close it.
    relax_quotes: true,
    skip_empty_lines: true,
    // Both line ends, in any mix, as on the fast path (a header from one tool, rows from another).
    record_delimiter: ['\r\n', '\n'],
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record, info) => lines.record(record, info.empty_lines),
  };
  // csv-parse's stream overloads do not carry the record type through on_record.
  const parser = parse(options as unknown as ParseOptions);
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) {
          // Wait for the parser to take more, or to be closed by an error or an early stop.
          await new Promise<void>((resolve) => {
            const done = (): void => {
              parser.off('drain', done);
              parser.off('close', done);
              resolve();
            };
            parser.on('drain', done);
            parser.on('close', done);
          });
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let batch: CsvRecord[] = [];
  let first = skipHeader;
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) {
      if (first) {
        first = false;
        continue;
      }
      batch.push(record);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    throw csvParseError(error as CsvParseError, source, lines);
  } finally {
    // On an early stop the parser is still open: close it, so the feed stops reading.
    if (!parser.destroyed) parser.destroy();
  }
  await feed;
  if (batch.length) yield batch;
}

type CsvParseError = Error & { code?: string; lines?: number; empty_lines?: number };

function csvParseError(error: CsvParseError, source: InputSource, lines: LineTracker | null): BurdenError {
  // A read error from the source arrives through the parser: keep its own message and code.
  if (error instanceof BurdenError) return error;
  // The record that failed starts where the next record would have started.
  const line = lines ? lines.nextStart(error.empty_lines) : 1;
  const at = { file: source.name, line };
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new BurdenError(EXIT.dataError, `a quoted field that starts in this record is never closed (the file ends inside it)`, at,
        'add the closing double quote, or double every quote inside a field: ""');
    case 'CSV_MAX_RECORD_SIZE':
      return tooLong(source, line);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new BurdenError(EXIT.dataError, 'a closing quote is followed by more text in the same field', at,
        'quote the whole field and double the quotes inside it: ""');
    default:
      return new BurdenError(EXIT.dataError, `cannot parse the CSV: ${error.message}`, at, 'check the quoting near that line');
  }
}

/** The first line of the text, for delimiter detection, without reading further than needed. */
async function firstLine(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) {
    text += chunk;
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
    if (text.length > MAX_RECORD_CHARS) break;
  }
  return text.replace(/\r$/, '');
}

async function parseQuotedLine(text: string, delimiter: Delimiter, source: InputSource): Promise<string[]> {
  const { parse } = await import('csv-parse/sync');
  try {
    return (parse(text, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw csvParseError(error as CsvParseError, source, null);
  }
}

/** Open a CSV source: check it, scan it, read its header. Records are read by `batches()`. */
export async function openCsv(source: InputSource, options: CsvOptions = {}): Promise<CsvFile> {
  // An Excel workbook (a ZIP file: "PK\x03\x04") is recognised by its first bytes, whatever its
  // name, and read by its own reader, which loads exceljs only then.
  if (source.path !== null && await startsWithZip(source.path)) {
    const { openXlsx } = await import('./xlsx.js');
    return openXlsx({ name: source.name, path: source.path }, { sheet: options.sheet });
  }
  const { scan, path, chunks } = await openSource(source);
  const headerText = (await firstLine(chunks())).replace(/^\uFEFF/, '');
  // A GENESIS export (title lines, multi-line header, flags, footer) is recognised by its
  // first line, whatever the file is called, and converted by its own reader.
  if (looksLikeGenesis(headerText)) {
    const { genesisCsvFile } = await import('./genesis.js');
    return genesisCsvFile(source, scan, path, chunks);
  }
  if (headerText.trim() === '') {
    // Only a BOM and line breaks (or nothing) is an empty file; a blank first line is not.
    const empty = scan.textLength <= 5;
    throw new BurdenError(EXIT.dataError, empty ? 'the file is empty' : 'the first line is empty: it must name the columns',
      { file: source.name, line: 1 },
      empty ? 'the first line must name the columns, e.g. ags,name,eu2,insured' : 'remove blank lines before the header');
  }
  if (/\r(?!$)/.test(headerText)) {
    throw new BurdenError(EXIT.dataError, 'the lines end with a carriage return alone (classic Mac line endings)', { file: source.name, line: 1 },
      'save the file with Windows (CRLF) or Unix (LF) line endings');
  }
  if (headerText.length > MAX_RECORD_CHARS) throw tooLong(source, 1);
  const delimiter = detectDelimiter(headerText, source);
  const general = scan.hasQuotes || options.forceGeneralPath === true;
  const read = general ? quotedBatches : plainBatches;
  const header = general ? await parseQuotedLine(headerText, delimiter, source) : headerText.split(delimiter);
  return {
    source,
    scan,
    path,
    delimiter,
    header,
    batches: () => read(chunks(), delimiter, source, true),
    lines: general ? null : () => plainLines(chunks(), source, true),
  };
}
