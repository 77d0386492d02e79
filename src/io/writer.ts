// Longer than ~300 lines on purpose: the one output helper: atomic -o, stdout, closed pipes, full disks, inputs never overwritten.
import { type Stats, accessSync, closeSync, constants, existsSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BurdenError, EXIT, usageError } from '../errors.js';
import { packageRoot } from './shipped.js';
import { forget, removeAtExit } from './temp-files.js';
import { Utf8Buffer } from './utf8-buffer.js';

/**
 * Where results go: standard output, or a file written atomically (a temporary file beside
 * it, renamed over it when complete), so a reader never sees half a file and a failed run
 * leaves nothing behind. A symbolic link is written through: the file it names is replaced,
 * the link stays. An existing file keeps its permission bits (and owner, where we may set it);
 * a file we may not write is refused, as the shell's `>` would. Devices, pipes and /dev/ or
 * /proc/ paths (`-o /dev/stdout`) are written directly. No output is ever one of the inputs,
 * by whatever name or route it is reached (see refuseInput).
 */
export interface Output {
  /** Text is written as UTF-8; bytes (an xlsx workbook) as they are, after any text before them. */
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

const cantWrite = (file: string, reason: string, suggestion: string): BurdenError =>
  new BurdenError(EXIT.cantCreate, reason, { file }, suggestion);

/** The system's reason a file could not be written, in words (shared with the copy of standard input). */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such folder';
    default:
      return code ?? String(error);
  }
}

function explain(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  // The reader went away (`burden calc | head`): not a failure; the top level exits quietly.
  if (code === 'EPIPE') return error as Error;
  switch (code) {
    case 'ENOSPC':
      return cantWrite(file, writeFailureReason(error), 'free some space or write elsewhere; nothing was written');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return cantWrite(file, writeFailureReason(error), 'choose a folder you can write to');
    case 'ENOENT':
      // A folder that exists can still refuse a name (/dev/stdin of a closed pipe, /proc/…).
      return existsSync(dirname(file))
        ? cantWrite(file, 'cannot be created there (no such file or device)', 'choose a path in an ordinary folder')
        : cantWrite(file, `the folder ${dirname(file)} does not exist`, 'create it first, or choose another path');
    case 'ENOTDIR':
      return cantWrite(file, `a part of the path ${dirname(file)} is not a folder`, 'choose a path inside an existing folder');
    case 'EISDIR':
      return cantWrite(file, 'is a directory', 'name a file inside it');
    default:
      return cantWrite(file, `cannot be written (${code ?? String(error)})`, 'check the path');
  }
}

/** The shipped data and its compiled copy are inputs of every run: never an output. */
function insideShippedData(target: string): boolean {
  let root: string;
  try {
    root = packageRoot();
  } catch {
    return false;
  }
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const dir = real(dirname(target));
  return [join(root, 'data'), join(root, 'dist')].some((protectedDir) => {
    const r = real(protectedDir);
    return dir === r || dir.startsWith(`${r}${sep}`);
  });
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

class FdOutput implements Output {
  /** Text not yet written, already UTF-8 (io/utf8-buffer.ts says why not a string). */
  private readonly pending = new Utf8Buffer();
  constructor(private readonly fd: number, private readonly label: string, private readonly onCommit: () => void, private readonly onAbort: () => void) {}

  write(data: string | Uint8Array): void {
    if (typeof data !== 'string') {
      // Bytes keep their place after the text written before them.
      this.flush();
      this.writeAll(data);
      return;
    }
    if (data.length >= 1 << 16) {
      // A large text at once (a whole report): written as it is, not gathered first.
      this.flush();
      this.writeAll(Buffer.from(data));
      return;
    }
    this.pending.append(data);
    if (this.pending.length >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    // Written synchronously, so the buffer may be reused as soon as this returns.
    this.writeAll(this.pending.view());
    this.pending.clear();
  }

  private writeAll(data: Uint8Array): void {
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.fd, data, offset);
      } catch (error) {
        // A non-blocking pipe that is full: wait a moment for the reader, then go on.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(PAUSE, 0, 0, 2);
        else throw explain(this.label, error);
      }
    }
  }

  commit(): void {
    this.flush();
    this.onCommit();
  }

  abort(): void {
    this.pending.clear();
    this.onAbort();
  }
}

export function stdoutOutput(): Output {
  return new FdOutput(1, '<stdout>', () => undefined, () => undefined);
}

/**
 * Write a whole text to standard output and end: a closed pipe (`burden params | head -1`)
 * ends quietly (the top level exits 0 on EPIPE), a full disk (`> /dev/full`) is exit 73 with
 * one line, as for calc's results.
 */
export function writeStdout(text: string): void {
  const output = stdoutOutput();
  output.write(text);
  output.commit();
}

/**
 * What an input is on disk: `-` is standard input (descriptor 0), a path is what it leads to
 * (through links, /dev/stdin, /dev/fd/N). Unreadable or absent: nothing to protect.
 */
function identityOf(input: string): Stats | undefined {
  try {
    return input === '-' ? fstatSync(0) : statSync(input);
  } catch {
    return undefined;
  }
}

/**
 * Only files and pipes can be damaged by writing into them; a terminal that is both standard
 * input and standard output (`burden calc -` typed by hand) is no conflict.
 */
const damageable = (stats: Stats): boolean => stats.isFile() || stats.isFIFO();

/** The input the output `stats` is, by device and inode (which catches every link and name), or undefined. */
function inputAt(stats: Stats, inputs: readonly string[]): string | undefined {
  if (!damageable(stats)) return undefined;
  return inputs.find((input) => {
    const other = identityOf(input);
    return other !== undefined && other.dev === stats.dev && other.ino === stats.ino;
  });
}

const inputName = (input: string): string => (input === '-' ? 'standard input' : input);

/**
 * Refuse to write results to standard output when it is one of the inputs: `burden calc f.csv
 * >> f.csv` would append to the file as it is read (and `>` has emptied it already). Call it
 * before writing anything to standard output; openOutput does.
 */
export function refuseStdoutInput(inputs: readonly string[]): void {
  let stdout: Stats;
  try {
    stdout = fstatSync(1);
  } catch {
    return; // no standard output at all: writing will say so
  }
  const input = inputAt(stdout, inputs);
  if (input !== undefined) {
    throw new BurdenError(EXIT.usage, `is the input ${inputName(input)}: refusing to write the results into their own input`, { file: '<stdout>' },
      'redirect the output to another file, or use -o FILE');
  }
}

/**
 * The output of a command: `-o FILE` written atomically, or standard output when there is no
 * -o or it is `-`. An empty path is a usage error (a script's unset variable, `-o "$OUT"`, must
 * not quietly write to standard output), and no output may be one of `inputs` (paths as given,
 * `-` for standard input).
 */
export function openOutput(path: string | undefined, inputs: readonly string[]): Output {
  if (path === undefined || path === '-') {
    refuseStdoutInput(inputs);
    return stdoutOutput();
  }
  return openFileOutput(path, inputs);
}

/** Refuse to write over any of the inputs: a typo in -o must never destroy data. */
export function openFileOutput(path: string, inputs: readonly string[]): Output {
  if (path === '') throw usageError('the output path is empty', 'name a file; -o - (or no -o) writes to standard output');
  // Through a symbolic link to the file it names: the rename must replace that file, not the link.
  let target = resolve(path);
  try {
    target = realpathSync(target);
  } catch {
    // Not there yet: it is created.
  }
  // /dev/stdout and /proc/self/fd/N may lead to a regular file (a shell redirection); they are
  // the caller's descriptors and are written in place, never renamed over.
  const descriptor = /^\/(dev|proc)\//.test(resolve(path));
  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw cantWrite(path, 'is a directory', 'name a file inside it');
  if (insideShippedData(target)) {
    throw new BurdenError(EXIT.usage, 'is inside the shipped data of burden: refusing to overwrite it', { file: path }, 'choose a path outside data/ and dist/');
  }
  // By device and inode, not by name: a link, /dev/stdin, /dev/fd/N or another spelling of an
  // input's path is that input.
  if (existing && inputAt(existing, inputs) !== undefined) {
    throw new BurdenError(EXIT.usage, 'is one of the input files: refusing to overwrite an input', { file: path }, 'choose another output path');
  }
  if (existing && (descriptor || !existing.isFile())) {
    // A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by a rename: write it directly.
    let fd: number;
    try {
      fd = openSync(target, 'w');
    } catch (error) {
      throw explain(path, error);
    }
    let open = true;
    // Closing twice (commit failed, then abort) would throw EBADF over the real error.
    const close = (): void => {
      if (!open) return;
      open = false;
      closeSync(fd);
    };
    return new FdOutput(fd, path, close, close);
  }
  if (existing) {
    // The rename would replace a file its owner made read-only; the shell's `>` refuses that too.
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw cantWrite(path, 'permission denied: the file is read-only', 'make it writable (chmod u+w) or choose another path');
    }
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  removeAtExit(temp);
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    forget(temp); // not ours: it was there before, or could not be made
    throw explain(path, error);
  }
  if (existing) {
    // The new file takes the old one's place, so it takes its permission bits (a file shared
    // read-only with a group stays so), and its owner and group where we may set them.
    try {
      fchmodSync(fd, existing.mode & 0o7777);
    } catch {
      // A file system without permission bits: nothing to keep.
    }
    try {
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) fchownSync(fd, existing.uid, existing.gid);
    } catch {
      // Only root may give a file away: it stays ours, as the shell's `>` would not change it either.
    }
  }
  let open = true;
  const cleanup = (): void => {
    if (open) closeSync(fd);
    open = false;
    try {
      unlinkSync(temp);
    } catch {
      // Already gone: nothing to clean up.
    }
    forget(temp);
  };
  return new FdOutput(
    fd,
    path,
    () => {
      try {
        fsyncSync(fd);
        closeSync(fd);
        open = false;
        renameSync(temp, target);
        forget(temp);
      } catch (error) {
        cleanup();
        throw explain(path, error);
      }
    },
    cleanup,
  );
}
