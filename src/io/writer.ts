import { type Stats, closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BurdenError, EXIT } from '../errors.js';
import { packageRoot } from './shipped.js';
import { forget, removeAtExit } from './temp-files.js';

/**
 * Where results go: standard output, or a file written atomically (a temporary file beside
 * it, renamed over it when complete), so a reader never sees half a file and a failed run
 * leaves nothing behind. A symbolic link is followed to its file; devices, pipes and
 * /dev/ or /proc/ paths (`-o /dev/stdout`) are written directly.
 */
export interface Output {
  write(text: string): void;
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
  private buffer = '';
  constructor(private readonly fd: number, private readonly label: string, private readonly onCommit: () => void, private readonly onAbort: () => void) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.buffer) return;
    const data = Buffer.from(this.buffer);
    this.buffer = '';
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
    this.buffer = '';
    this.onAbort();
  }
}

export function stdoutOutput(): Output {
  return new FdOutput(1, '<stdout>', () => undefined, () => undefined);
}

/** The same file on disk: same device and inode, which also catches symbolic and hard links. */
function sameFile(a: Stats, path: string): boolean {
  try {
    const b = statSync(path);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** Refuse to write over any of the inputs: a typo in -o must never destroy data. */
export function openFileOutput(path: string, inputs: readonly string[]): Output {
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
  if (existing && inputs.some((input) => sameFile(existing, input))) {
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
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  removeAtExit(temp);
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    forget(temp); // not ours: it was there before, or could not be made
    throw explain(path, error);
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
