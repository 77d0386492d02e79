import { parentPort, workerData } from 'node:worker_threads';
import { type PieceJob, pieceWorker } from './piece.js';

/** Entry of a worker thread of calc's parallel csv path: pieces in, csv text and sums out. */
const work = pieceWorker(workerData as PieceJob);
parentPort?.on('message', (message: { id: number; bytes: Uint8Array; firstLine: number }) => {
  work(message.id, message.bytes, message.firstLine).then(
    // The csv bytes move to the main thread (transferred), so a piece is never copied on the way.
    (result) => parentPort?.postMessage(result, [result.bytes.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: message.id, internal: String((error as Error)?.stack ?? error) }),
  );
});
