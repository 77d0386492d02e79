import { createReadStream, promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { BurdenError, EXIT } from '../errors.js';

/**
 * Input sources: a path, or `-` for standard input. Files are scanned once before parsing
 * (encoding, NUL bytes, quotes), then streamed, so memory stays flat for large inputs;
 * standard input cannot be read twice and is held in memory.
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
  /** SHA-256 of the bytes as read, so an output names exactly the input that produced it. */
  sha256: string;
}

// Byte values that Windows-1252 leaves undefined: a file containing them is neither encoding.
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const CHUNK = 1 << 20;

function notReadable(source: InputSource, reason: string, suggestion: string): BurdenError {
  return new BurdenError(EXIT.noInput, reason, { file: source.name }, suggestion);
}

/** Check the path is a readable regular file, with an exit-66 message if not. */
export async function checkReadable(source: InputSource): Promise<void> {
  if (source.path === null) return;
  let stat;
  try {
    stat = await fs.stat(source.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw notReadable(source, 'no such file', 'check the path; use - to read standard input');
    throw notReadable(source, `cannot read the file (${code ?? 'unknown error'})`, 'check its permissions');
  }
  if (stat.isDirectory()) throw notReadable(source, 'is a directory, not a file', 'name a CSV file inside it');
  try {
    await fs.access(source.path, fs.constants.R_OK);
    const handle = await fs.open(source.path, 'r');
    await handle.close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw notReadable(source, `cannot read the file (${code ?? 'unknown error'})`, 'check its permissions');
  }
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

class ScanState {
  utf8 = true;
  cp1252Possible = true;
  hasQuotes = false;
  nulAt = -1;
  byteLength = 0;
  private readonly hash = createHash('sha256');
  private carry: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    if (this.nulAt < 0) {
      const nul = chunk.indexOf(0);
      if (nul >= 0) this.nulAt = this.byteLength + nul;
    }
    if (!this.hasQuotes && chunk.indexOf(0x22) >= 0) this.hasQuotes = true;
    if (this.cp1252Possible && CP1252_UNDEFINED.some((b) => chunk.indexOf(b) >= 0)) this.cp1252Possible = false;
    if (this.utf8) {
      const joined = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
      const tail = incompleteTail(joined);
      if (!isUtf8(joined.subarray(0, joined.length - tail))) this.utf8 = false;
      this.carry = Buffer.from(joined.subarray(joined.length - tail));
    }
    this.byteLength += chunk.length;
    this.hash.update(chunk);
  }

  finish(source: InputSource): ScanResult {
    if (this.carry.length) this.utf8 = false;
    if (this.nulAt >= 0) {
      throw new BurdenError(EXIT.dataError, `contains a NUL byte at byte ${this.nulAt}: this is not a text file`, { file: source.name },
        'export the data as CSV text (UTF-8 or Windows-1252)');
    }
    if (!this.utf8 && !this.cp1252Possible) {
      throw new BurdenError(EXIT.dataError, 'is neither valid UTF-8 nor Windows-1252 text', { file: source.name },
        'save the file as CSV UTF-8');
    }
    return { encoding: this.utf8 ? 'utf-8' : 'windows-1252', hasQuotes: this.hasQuotes, byteLength: this.byteLength,
      sha256: this.hash.digest('hex') };
  }
}

export async function scanBuffer(source: InputSource, buffer: Buffer): Promise<ScanResult> {
  const state = new ScanState();
  state.feed(buffer);
  return state.finish(source);
}

export async function scanFile(source: InputSource & { path: string }): Promise<ScanResult> {
  const state = new ScanState();
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) state.feed(chunk as Buffer);
  return state.finish(source);
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The decoded text of a source, chunk by chunk. */
export async function* decodedChunks(source: InputSource, encoding: ScanResult['encoding'], buffer: Buffer | null): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  if (buffer) {
    yield decoder.decode(buffer);
    return;
  }
  if (source.path === null) throw new Error('a source without a path needs its buffer');
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
