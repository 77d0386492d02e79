import { BurdenError, EXIT, quote } from '../errors.js';
import { type InputSource, type ScanResult, checkReadable, decodedChunks, readStdin, scanBuffer, scanFile } from './source.js';

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
  delimiter: Delimiter;
  header: string[];
  /** Record batches after the header, in file order. */
  batches(): AsyncGenerator<CsvRecord[]>;
}

/** A record longer than this is refused: no municipal CSV needs a megabyte in one row. */
export const MAX_RECORD_CHARS = 1 << 20;
const BATCH = 4096;

const DELIMITERS: Delimiter[] = [',', ';', '\t'];
const delimiterName = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);

/** Pick the delimiter from the header line: the most frequent of , ; tab outside quotes. */
export function detectDelimiter(headerLine: string, source: InputSource): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
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
  return new BurdenError(EXIT.dataError, `a record longer than ${MAX_RECORD_CHARS} characters`, { file: source.name, line },
    'check for a missing closing quote or a field pasted by mistake');
}

/** Fast path: no quotes in the file, so every line break ends a record and every delimiter ends a field. */
async function* plainBatches(chunks: AsyncIterable<string>, delimiter: Delimiter, source: InputSource, skipHeader: boolean): AsyncGenerator<CsvRecord[]> {
  let pending = '';
  let line = 0;
  let headerSkipped = !skipHeader;
  let batch: CsvRecord[] = [];
  const take = (text: string): void => {
    line += 1;
    const body = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (body.length > MAX_RECORD_CHARS) throw tooLong(source, line);
    if (!headerSkipped) {
      headerSkipped = true;
      return;
    }
    if (body.length === 0) return;
    batch.push({ fields: body.split(delimiter), line });
  };
  for await (const chunk of chunks) {
    let start = 0;
    let text = pending + chunk;
    let newline = text.indexOf('\n', start);
    while (newline >= 0) {
      take(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    pending = text.slice(start);
    text = '';
    if (pending.length > MAX_RECORD_CHARS) throw tooLong(source, line + 1);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (pending.length > 0) take(pending);
  if (batch.length) yield batch;
}

/** General path: csv-parse, loaded only when a file needs it. */
async function* quotedBatches(chunks: AsyncIterable<string>, delimiter: Delimiter, source: InputSource, skipHeader: boolean): AsyncGenerator<CsvRecord[]> {
  const { parse } = await import('csv-parse');
  const parser = parse({
    delimiter,
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let batch: CsvRecord[] = [];
  let previousEnd = 0;
  let first = true;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      // info.lines is the line on which the record ended; it started after the previous one.
      const start = previousEnd + 1;
      previousEnd = item.info.lines;
      if (first && skipHeader) {
        first = false;
        continue;
      }
      first = false;
      batch.push({ fields: item.record, line: start });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    throw csvParseError(error as Error & { code?: string; lines?: number }, source);
  }
  await feed;
  if (batch.length) yield batch;
}

function csvParseError(error: Error & { code?: string; lines?: number }, source: InputSource): BurdenError {
  const line = error.lines;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new BurdenError(EXIT.dataError, 'a quoted field is never closed', { file: source.name, ...(line ? { line } : {}) },
        'add the closing double quote, or double every quote inside a field ("")');
    case 'CSV_MAX_RECORD_SIZE':
      return tooLong(source, line ?? 0);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new BurdenError(EXIT.dataError, 'a quote inside an unquoted field or after a closing quote', { file: source.name, ...(line ? { line } : {}) },
        'quote the whole field and double the quotes inside it ("")');
    default:
      return new BurdenError(EXIT.dataError, `cannot parse the CSV: ${error.message}`, { file: source.name, ...(line ? { line } : {}) },
        'check the quoting near that line');
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
    return (parse(text, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw csvParseError(error as Error & { code?: string; lines?: number }, source);
  }
}

/** Open a CSV source: check it, scan it, read its header. Records are read by `batches()`. */
export async function openCsv(source: InputSource): Promise<CsvFile> {
  await checkReadable(source);
  const buffer = source.path === null ? await readStdin() : null;
  const scan = buffer ? await scanBuffer(source, buffer) : await scanFile(source as InputSource & { path: string });
  const chunks = (): AsyncGenerator<string> => decodedChunks(source, scan.encoding, buffer);
  const headerText = (await firstLine(chunks())).replace(/^\uFEFF/, '');
  if (headerText.trim() === '' && scan.byteLength <= 3 + 2) {
    throw new BurdenError(EXIT.dataError, 'is empty', { file: source.name }, 'the first line must name the columns, e.g. ags,name,eu2,insured');
  }
  if (headerText.trim() === '') {
    throw new BurdenError(EXIT.dataError, 'the first line is empty: it must name the columns', { file: source.name, line: 1 },
      'remove blank lines before the header');
  }
  const delimiter = detectDelimiter(headerText, source);
  const read = scan.hasQuotes ? quotedBatches : plainBatches;
  const header = scan.hasQuotes ? await parseQuotedLine(headerText, delimiter, source) : headerText.split(delimiter);
  return {
    source,
    scan,
    delimiter,
    header,
    batches: () => read(chunks(), delimiter, source, true),
  };
}
