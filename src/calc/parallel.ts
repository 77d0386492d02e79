import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BurdenError, EXIT } from '../errors.js';
import type { TotalsAccumulator, WarningCollector } from '../engine/method.js';
import type { NestedKeys } from '../engine/nested-keys.js';
import { type InputPlan, checkKeyOrder, noDataRows } from '../io/inputs.js';
import { MAX_RECORD_CHARS } from '../io/csv.js';
import { packageRoot } from '../io/shipped.js';
import type { Output } from '../io/writer.js';
import type { PieceJob, PieceResult } from './piece.js';

/**
 * calc's csv output of a large quote-free file on several cores. The main thread reads the
 * file in pieces that end at a line break, numbers their lines, and hands them to worker
 * threads in turn; each worker parses, computes and formats its piece (calc/piece.ts) and
 * the main thread writes the pieces in file order, checks the order of keys across them
 * (duplicates, as in the sequential path) and adds up totals and warnings. The output is
 * the sequential path's, byte for byte (test/cli/parallel.test.ts).
 */
/**
 * 64 KiB pieces: measured fastest (1 MiB pieces kept ~30k rows alive and doubled GC time).
 * BURDEN_PIECE_BYTES=N cuts smaller ones, so a test file of a thousand rows has many pieces.
 */
const pieceBytes = (): number => Math.max(Number(process.env.BURDEN_PIECE_BYTES ?? 0) || 1 << 16, 1024);
const DEFAULT_MIN_BYTES = 32 << 20;

/** Worker threads for this input, or 0 for the sequential path. BURDEN_THREADS=1 turns it off. */
export function parallelWorkers(byteLength: number): number {
  const threads = Number(process.env.BURDEN_THREADS ?? availableParallelism());
  const minBytes = Number(process.env.BURDEN_PARALLEL_MIN_BYTES ?? DEFAULT_MIN_BYTES);
  if (!Number.isFinite(threads) || threads < 2 || byteLength < minBytes) return 0;
  return Math.min(threads, 4);
}

const countLineFeeds = (bytes: Buffer): number => {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count += 1;
  return count;
};

type Message = PieceResult | { id: number; internal: string };

export async function streamParallel(
  plan: InputPlan,
  job: PieceJob,
  workers: number,
  sinks: { output: Output; header: string; totals: TotalsAccumulator; warnings: WarningCollector; nested: NestedKeys },
): Promise<{ usedRegister: boolean }> {
  const guard = plan.keyGuard;
  if (!guard || !plan.plain) throw new Error('the parallel path needs a plain combined file');
  // Loaded here, not at the top: every other run of calc would pay for it at start-up.
  const { Worker } = await import('node:worker_threads');
  // A 16 MiB young generation per worker: a 64 KiB piece's rows die young in it (measured: 8 MiB
  // costs 40 % more time). A 32 MiB old generation keeps the workers from growing with the
  // input (measured at 5M rows: 145–160 MiB instead of 164–178 MiB, at the same speed; with
  // the register loaded for population lookups too).
  const pool = Array.from({ length: workers }, () =>
    new Worker(join(packageRoot(), 'dist', 'worker.js'), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 32 } }));
  const results = new Map<number, Message>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  for (const worker of pool) {
    worker.on('message', (message: Message) => {
      results.set(message.id, message);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
  }
  const waitFor = (id: number): Promise<Message> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (failure) reject(failure);
        const message = results.get(id);
        if (message) {
          results.delete(id);
          wake = null;
          resolve(message);
        } else {
          wake = check;
        }
      };
      check();
    });

  let usedRegister = false;
  let rows = 0;
  let emitted = 0;
  /** Write piece `id` once it is back: in order, keys checked first, then its rows. */
  const emit = async (id: number): Promise<void> => {
    const message = await waitFor(id);
    if ('internal' in message) throw new Error(`worker: ${message.internal}`);
    // Sorted pieces that continue the order need no per-row check: the common case.
    if (!(message.sorted && message.count > 0 && guard.guard.advanceSorted(message.first, message.last))) {
      const keys = message.count > 0 ? message.keys.split('\n') : [];
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] ?? '';
        const at = key.indexOf('@');
        const ags = at < 0 ? key : key.slice(0, at);
        const year = at < 0 ? null : Number(key.slice(at + 1));
        const line = message.lines[i] ?? 0;
        if (guard.guard.check(key, line) !== undefined) {
          await checkKeyOrder(guard.guard, { ags, name: '', year, origin: { file: plan.plain?.name ?? '', line } }, guard.rows);
        }
      }
    }
    if (message.error) {
      const { code, message: text, location, suggestion } = message.error;
      throw new BurdenError(code as (typeof EXIT)[keyof typeof EXIT], text, location, suggestion);
    }
    rows += message.count;
    usedRegister ||= message.usedRegister;
    sinks.totals.absorb(message.totals);
    sinks.warnings.absorb(message.warnings);
    sinks.nested.absorb(message.nested);
    if (message.bytes.length > 0) sinks.output.write(message.bytes);
  };

  try {
    sinks.output.write(sinks.header);
    let carry: Buffer = Buffer.alloc(0);
    let headerSkipped = false;
    let nextLine = 2;
    let sent = 0;
    const send = async (bytes: Buffer): Promise<void> => {
      // At most two pieces per worker in flight: memory stays flat however large the file.
      if (sent - emitted >= workers * 2) await emit(emitted++);
      const worker = pool[sent % workers];
      const copy = new Uint8Array(bytes);
      worker?.postMessage({ id: sent, bytes: copy, firstLine: nextLine }, [copy.buffer]);
      nextLine += countLineFeeds(bytes);
      sent += 1;
    };
    // Up to the end of the text, as the sequential reader: a trailing Ctrl-Z (0x1A) is no row.
    const { textLength } = plan.plain;
    const chunks = textLength > 0 ? createReadStream(plan.plain.path, { highWaterMark: pieceBytes(), end: textLength - 1 }) : [];
    for await (const chunk of chunks) {
      let bytes = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      if (!headerSkipped) {
        const end = bytes.indexOf(10);
        if (end < 0) {
          carry = bytes;
          continue;
        }
        bytes = bytes.subarray(end + 1);
        headerSkipped = true;
      }
      const cut = bytes.lastIndexOf(10);
      // A piece must end at a line break. A line longer than any record may be (4 bytes a
      // character at most) is refused here, at its line, as the sequential reader would.
      if (cut < 0) {
        if (bytes.length > 4 * MAX_RECORD_CHARS) {
          throw new BurdenError(EXIT.dataError, `the record is longer than ${MAX_RECORD_CHARS} characters`, { file: plan.plain.name, line: nextLine },
            'check for a missing closing quote or a field pasted by mistake');
        }
        carry = Buffer.from(bytes);
        continue;
      }
      carry = Buffer.from(bytes.subarray(cut + 1));
      await send(bytes.subarray(0, cut + 1));
    }
    if (carry.length > 0 && headerSkipped) await send(carry);
    while (emitted < sent) await emit(emitted++);
    if (rows === 0) throw noDataRows({ name: plan.plain.name, path: plan.plain.path });
    const info = plan.files[0];
    if (info) info.rows = rows;
    return { usedRegister };
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
