// Longer than ~300 lines on purpose: opening an input by any route (file, FIFO, stdin copy) with one scan for encoding, quotes and hash.
import { createReadStream, fstatSync, promises as fs } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BurdenError, EXIT } from '../errors.js';
import { forget, removeAtExit } from './temp-files.js';
import { writeFailureReason } from './writer.js';
import { scanUtf8, windows1252Char } from './utf8.js';

/**
 * Input sources: a path, or `-` for standard input. Files are scanned once before parsing
 * (encoding, NUL bytes, quotes), then streamed, so memory stays flat for large inputs.
 * Standard input, pipes and FIFOs (`burden calc <(zcat x.csv.gz)`) cannot be read twice, so
 * they are copied to a temporary file as they are scanned, and read from there like a file.
 */
export interface InputSource {
  /** The name users gave: the path as typed, or `<stdin>`. */
  name: string;
  path: string | null;
}

export const sourceFrom = (arg: string): InputSource =>
  arg === '-' ? { name: '<stdin>', path: null } : { name: arg, path: arg };

export interface ScanResult {
  encoding: 'utf-8' | 'windows-1252';
  hasQuotes: boolean;
  byteLength: number;
  /**
   * The bytes that are text: all but a Ctrl-Z (0x1A, the DOS end-of-file mark some Windows
   * tools still write) at the very end, which is ignored.
   */
  textLength: number;
  /** SHA-256 of the bytes as read, so an output names exactly the input that produced it. */
  sha256: string;
}

/** A checked and scanned source, ready to be decoded as often as needed. */
export interface OpenedSource {
  scan: ScanResult;
  /** The file to read: the path itself, or the temporary copy of a stream. */
  path: string;
  /** The decoded text, chunk by chunk; each call starts from the beginning. */
  chunks(): AsyncGenerator<string>;
}

// Byte values that Windows-1252 leaves undefined: a file containing them is neither encoding.
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const CHUNK = 1 << 20;
/**
 * Parsing reads smaller pieces: each becomes one batch of rows, and a batch small enough to
 * die in V8's young generation is much cheaper to collect (measured: at 1 MiB pieces,
 * garbage collection took half the run time on a 1M-row file).
 */
const PARSE_CHUNK = 64 << 10;

function notReadable(source: InputSource, reason: string, suggestion: string): BurdenError {
  return new BurdenError(EXIT.noInput, reason, { file: source.name }, suggestion);
}

/** The message for a failed open or read: exit 66, with the system's reason in words. */
function readFailure(source: InputSource, error: unknown): BurdenError {
  if (error instanceof BurdenError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return notReadable(source, 'no such file', 'check the path; use - to read standard input');
    case 'EACCES':
    case 'EPERM':
      return notReadable(source, 'permission denied: cannot read the file', 'check its permissions, e.g. chmod u+r');
    case 'ENOTDIR':
      return notReadable(source, 'no such file (a part of the path is not a folder)', 'check the path');
    case 'EISDIR':
      return notReadable(source, 'is a directory, not a file', 'name a CSV file inside it');
    default:
      return notReadable(source, `cannot read the file (${code ?? String(error)})`, 'check the path and its permissions');
  }
}

/**
 * Check the path names something readable, with an exit-66 message if not. Returns whether
 * it is a regular file (which can be read twice) or a stream such as a pipe or FIFO.
 */
export async function checkReadable(source: InputSource): Promise<'file' | 'stream'> {
  if (source.path === null) {
    // `burden calc - < folder`: the shell opens a directory without complaint, and reading it
    // would fail (or look empty); say what it is.
    let isDirectory = false;
    try {
      isDirectory = fstatSync(0).isDirectory();
    } catch {
      // No standard input at all: reading it will say so.
    }
    if (isDirectory) throw notReadable(source, 'is a directory, not a file', 'redirect a CSV file into standard input: burden calc - < file.csv');
    return 'stream';
  }
  let stat;
  try {
    stat = await fs.stat(source.path);
  } catch (error) {
    throw readFailure(source, error);
  }
  if (stat.isDirectory()) throw notReadable(source, 'is a directory, not a file', 'name a CSV file inside it');
  try {
    // access() answers for the real user; opening proves it (and catches ACLs access() misses).
    await fs.access(source.path, fs.constants.R_OK);
    if (stat.isFile()) await (await fs.open(source.path, 'r')).close();
  } catch (error) {
    throw readFailure(source, error);
  }
  return stat.isFile() ? 'file' : 'stream';
}

/** Split off the bytes of a UTF-8 sequence cut at the end of a chunk, to validate it with the next. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** Something that makes the bytes unreadable as text, at a byte offset (located to a line later). */
interface ScanProblem {
  offset: number;
  /** The message, given the byte at the offset. */
  message: (byte: number) => string;
  suggestion: string;
}

const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

class ScanState {
  utf8 = true;
  /** Offset of the first byte that is not UTF-8, or -1; how many such bytes; valid multi-byte sequences seen. */
  utf8BadAt = -1;
  utf8Bad = 0;
  multibyte = 0;
  /** A whole chunk of valid UTF-8 with non-ASCII text: this is a UTF-8 file. */
  utf8Evidence = false;
  /** Ctrl-Z (0x1A) bytes at the end of what was read so far. */
  trailingSub = 0;
  /** Offset of the first byte Windows-1252 does not define, or -1. */
  cp1252BadAt = -1;
  hasQuotes = false;
  nulAt = -1;
  byteLength = 0;
  private head: Buffer | null = null;
  private readonly hash = createHash('sha256');
  private carry: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    this.head ??= Buffer.from(chunk.subarray(0, 2));
    if (this.nulAt < 0) {
      const nul = chunk.indexOf(0);
      if (nul >= 0) this.nulAt = this.byteLength + nul;
    }
    if (!this.hasQuotes && chunk.indexOf(0x22) >= 0) this.hasQuotes = true;
    if (this.cp1252BadAt < 0) {
      const found = CP1252_UNDEFINED.map((b) => chunk.indexOf(b)).filter((i) => i >= 0);
      if (found.length) this.cp1252BadAt = this.byteLength + Math.min(...found);
    }
    const joined = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(joined);
    const body = joined.subarray(0, joined.length - tail);
    if (isUtf8(body)) {
      if (!this.utf8Evidence && !isAscii(body)) this.utf8Evidence = true;
    } else {
      // Not UTF-8: where, and how much valid UTF-8 there is beside it. A file in UTF-8 with one
      // stray Windows-1252 byte (pasted from elsewhere) is a mistake at a line, not a file to
      // read as Windows-1252 (which would turn every other umlaut into two wrong letters).
      this.utf8 = false;
      const scan = scanUtf8(body);
      this.multibyte += scan.multibyte;
      this.utf8Bad += scan.invalid;
      if (this.utf8BadAt < 0) this.utf8BadAt = this.byteLength - this.carry.length + scan.firstInvalid;
    }
    this.carry = Buffer.from(joined.subarray(joined.length - tail));
    let sub = 0;
    while (sub < chunk.length && chunk[chunk.length - 1 - sub] === 0x1a) sub += 1;
    this.trailingSub = sub === chunk.length ? this.trailingSub + sub : sub;
    this.byteLength += chunk.length;
    this.hash.update(chunk);
  }

  /** The first reason the bytes are not text we can read, or null. */
  problem(): ScanProblem | null {
    if (this.carry.length) {
      // A multi-byte sequence cut off by the end of the file.
      this.utf8 = false;
      this.utf8Bad += 1;
      if (this.utf8BadAt < 0) this.utf8BadAt = this.byteLength - this.carry.length;
    }
    // UTF-16 (Excel's "Unicode text") has a NUL in every ASCII character; name it for what it is.
    const bom = this.head?.length === 2 ? this.head.readUInt16BE(0) : -1;
    if (bom === 0xfffe || bom === 0xfeff) {
      return { offset: 0, message: () => 'the file is UTF-16 text, which burden does not read', suggestion: 'save it as CSV UTF-8' };
    }
    if (this.nulAt >= 0) {
      const at = this.nulAt;
      return { offset: at, message: () => `a NUL byte (at byte ${at}): this is not a text file`,
        suggestion: 'export the data as CSV text, UTF-8 or Windows-1252' };
    }
    if (!this.utf8 && (this.utf8Evidence || (this.multibyte > 0 && this.multibyte >= this.utf8Bad))) {
      const at = this.utf8BadAt;
      return { offset: at, message: (byte) => {
        const guess = windows1252Char(byte);
        return `byte ${hex(byte)} (at byte ${at}) is not UTF-8, in a file that is otherwise UTF-8${guess ? ` (a Windows-1252 "${guess}"?)` : ''}`;
      }, suggestion: 'correct that character, or save the whole file as CSV UTF-8' };
    }
    if (!this.utf8 && this.cp1252BadAt >= 0) {
      const at = this.cp1252BadAt;
      return { offset: at, message: (byte) => `the file is neither UTF-8 nor Windows-1252 text: it is not valid UTF-8, and byte ${hex(byte)} (at byte ${at}) is undefined in Windows-1252`,
        suggestion: 'save the file as CSV UTF-8' };
    }
    return null;
  }

  result(): ScanResult {
    return { encoding: this.utf8 ? 'utf-8' : 'windows-1252', hasQuotes: this.hasQuotes, byteLength: this.byteLength,
      textLength: this.byteLength - this.trailingSub, sha256: this.hash.digest('hex') };
  }
}

/** The line (1-based) of a byte offset, and the byte there, counting line feeds before it. */
async function locate(path: string, offset: number): Promise<{ line: number; byte: number }> {
  let line = 1;
  let seen = 0;
  let byte = -1;
  const count = (chunk: Buffer): void => {
    const part = chunk.subarray(0, Math.max(0, offset - seen));
    for (let i = part.indexOf(10); i >= 0; i = part.indexOf(10, i + 1)) line += 1;
    if (offset >= seen && offset < seen + chunk.length) byte = chunk[offset - seen] ?? -1;
    seen += chunk.length;
  };
  for await (const chunk of createReadStream(path, { end: offset })) count(chunk as Buffer);
  return { line, byte };
}

async function finish(source: InputSource & { path: string }, state: ScanState): Promise<ScanResult> {
  const problem = state.problem();
  if (!problem) return state.result();
  const { line, byte } = await locate(source.path, problem.offset);
  throw new BurdenError(EXIT.dataError, problem.message(byte), { file: source.name, line }, problem.suggestion);
}

export async function scanFile(source: InputSource & { path: string }): Promise<ScanResult> {
  const state = new ScanState();
  try {
    for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) state.feed(chunk as Buffer);
  } catch (error) {
    throw readFailure(source, error);
  }
  return finish(source, state);
}

/** Why a stream could not be copied to the temporary folder: exit 73, with where and why. */
function spoolFailure(source: InputSource, error: unknown): BurdenError {
  return new BurdenError(EXIT.cantCreate, `cannot copy the input to the temporary folder ${tmpdir()} (${writeFailureReason(error)})`, { file: source.name },
    'set TMPDIR to a folder with space that you can write to, or give the path of a file instead');
}

/**
 * Copy a stream source (stdin, a pipe, a FIFO, a device) to a private temporary file, scanning
 * it on the way, so it is read like any file: streamed, and split among workers when large.
 * A NUL byte means it is not text, and the scan will say so: copying stops there, so
 * `burden calc /dev/zero` ends. The copy is removed when the process ends.
 */
async function spool(source: InputSource): Promise<{ file: InputSource & { path: string }; scan: ScanResult }> {
  const path = join(tmpdir(), `burden-${process.pid}-${randomBytes(6).toString('hex')}.csv`);
  removeAtExit(path);
  let out: fs.FileHandle;
  try {
    out = await fs.open(path, 'wx', 0o600);
  } catch (error) {
    forget(path);
    throw spoolFailure(source, error);
  }
  const state = new ScanState();
  const stream = source.path === null ? process.stdin : createReadStream(source.path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      state.feed(chunk as Buffer);
      await out.write(chunk as Buffer).catch((error: unknown) => {
        throw spoolFailure(source, error);
      });
      if (state.nulAt >= 0) break;
    }
  } catch (error) {
    await out.close().catch(() => undefined); // the first error is the one to report
    throw readFailure(source, error);
  }
  // Closing flushes the copy: a full disk may only show here.
  await out.close().catch((error: unknown) => {
    throw spoolFailure(source, error);
  });
  const file = { name: source.name, path };
  return { file, scan: await finish(file, state) };
}

/**
 * Decode bytes as a whole. Always in streaming mode and then flushed: Node 20's
 * TextDecoder('windows-1252').decode(bytes) without { stream: true } decodes as Latin-1, so
 * 0x80–0x9F (€ „ “ – — Š š Ÿ) would become control characters.
 */
export function decodeText(bytes: Uint8Array, encoding: ScanResult['encoding']): string {
  const decoder = new TextDecoder(encoding);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/** The decoded text of a source, chunk by chunk. A read error is exit 66, not a parse error. */
export async function* decodedChunks(source: InputSource & { path: string }, encoding: ScanResult['encoding'], textLength?: number): AsyncGenerator<string> {
  if (textLength === 0) return;
  const decoder = new TextDecoder(encoding);
  // Up to textLength: a Ctrl-Z at the end is not text (ScanResult.textLength).
  const stream = createReadStream(source.path, { highWaterMark: PARSE_CHUNK, ...(textLength === undefined ? {} : { end: textLength - 1 }) });
  try {
    for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
  } catch (error) {
    throw readFailure(source, error);
  } finally {
    // The reader may stop early (an error in a row, or only the header wanted): close the file.
    stream.destroy();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Check, scan and prepare a source for decoding (see OpenedSource). */
export async function openSource(source: InputSource): Promise<OpenedSource> {
  const kind = await checkReadable(source);
  const { file, scan } = kind === 'file' && source.path !== null
    ? { file: { name: source.name, path: source.path }, scan: await scanFile({ name: source.name, path: source.path }) }
    : await spool(source);
  return { scan, path: file.path, chunks: () => decodedChunks(file, scan.encoding, scan.textLength) };
}
