import type { Location } from '../errors.js';
import { applyMethod, type InsuredImputation, TotalsAccumulator, type TotalsState, WarningCollector, type WarningEntry } from '../engine/method.js';
import { type NestedKeysState, NestedKeys } from '../engine/nested-keys.js';
import { plainLines } from '../io/csv.js';
import { decodeText } from '../io/source.js';
import { type PlainFileSpec, RowAssembler, keyOf, needsRegister } from '../io/inputs.js';
import { RowReader } from '../io/rows.js';
import { csvRenderer } from '../output/csv.js';
import { userError } from '../pipeline/user-error.js';
import type { ParameterSet } from '../engine/parameters.js';
import { RateBook } from '../engine/rate.js';
import { Utf8Buffer } from '../io/utf8-buffer.js';

/**
 * One piece of a quote-free combined file, turned into csv output: the work of a worker
 * thread in calc's parallel path (calc/parallel.ts). The steps are those of the sequential
 * path (RowReader.readLine, RowAssembler, applyMethod, csvRenderer), so the output is the
 * same; the keys go back to the main thread, which checks their order across pieces.
 */
export interface PieceJob {
  spec: PlainFileSpec;
  locale: 'de' | 'en';
  /** The run's parameters and price rule: each worker prices rows as the main thread does (RateBook). */
  parameters: ParameterSet;
  priceYear: number | null;
  countsYear: number | null;
  imputation: InsuredImputation | null;
  allowMissing: boolean;
}

export interface PieceResult {
  id: number;
  /** The piece's csv, already UTF-8: moved to the main thread, not copied, and written as it is. */
  bytes: Uint8Array;
  /**
   * The key (ags, or ags@year) of every row parsed, in order, joined by line breaks, and
   * their lines. `sorted` says the keys ascend, so the main thread needs only the first and
   * the last to check the order across pieces; it splits `keys` only when they do not.
   */
  keys: string;
  first: string;
  last: string;
  sorted: boolean;
  lines: Int32Array;
  count: number;
  totals: TotalsState;
  warnings: WarningEntry[];
  /** What the piece's keys say about rows inside other rows' areas. */
  nested: NestedKeysState;
  usedRegister: boolean;
  /** A user error at a row: the keys before it (and its own, if it was parsed) are in `keys`. */
  error: { code: number; message: string; location: Location; suggestion: string | undefined } | null;
}

export function pieceWorker(job: PieceJob): (id: number, bytes: Uint8Array, firstLine: number) => Promise<PieceResult> {
  const { spec } = job;
  const reader = new RowReader(spec.name, spec.header, spec.columns, spec.delimiter);
  const renderer = csvRenderer({ locale: job.locale });
  const source = { name: spec.name, path: spec.path };
  const context = { rates: new RateBook(job.parameters, job.priceYear), imputation: job.imputation, countsYear: job.countsYear };
  return async (id, bytes, firstLine) => {
    const warnings = new WarningCollector();
    const totals = new TotalsAccumulator();
    const nested = new NestedKeys();
    const assembler = new RowAssembler({ columns: new Map(), allowMissing: job.allowMissing, warnings });
    const result: PieceResult = {
      id, bytes: new Uint8Array(0), keys: '', first: '', last: '', sorted: true, lines: new Int32Array(0), count: 0,
      totals: totals.snapshot(), warnings: [], nested: { outer: [], prefixes: [] }, usedRegister: false, error: null,
    };
    const keys: string[] = [];
    const lines: number[] = [];
    const text = decodeText(bytes, spec.encoding);
    // A row of output is about three times its input line; the buffer grows if it is more.
    const out = new Utf8Buffer(bytes.length * 4);
    try {
      for await (const batch of plainLines([text], source, false, firstLine)) {
        for (let i = 0; i < batch.texts.length; i++) {
          const partial = reader.readLine(batch.texts[i] ?? '', batch.lines[i] ?? 0);
          const key = keyOf(partial);
          if (keys.length > 0 && key <= (keys[keys.length - 1] ?? '')) result.sorted = false;
          keys.push(key);
          lines.push(partial.origin.line);
          const row = assembler.take(partial);
          if (!row) continue;
          if (needsRegister(row)) await assembler.fill(row);
          const computed = applyMethod(row, context);
          totals.add(computed);
          warnings.note(computed);
          nested.add(computed.ags, computed.year);
          out.append(renderer.row(computed, 0));
        }
      }
    } catch (error) {
      const user = userError(error);
      if (!user) throw error;
      result.error = { code: user.code, message: user.message, location: user.location, suggestion: user.suggestion };
    }
    result.bytes = out.view();
    result.keys = keys.join('\n');
    result.first = keys[0] ?? '';
    result.last = keys[keys.length - 1] ?? '';
    result.lines = Int32Array.from(lines);
    result.count = keys.length;
    result.totals = totals.snapshot();
    result.warnings = warnings.entries();
    result.nested = nested.state();
    result.usedRegister = assembler.lookup.usedRegister;
    return result;
  };
}
