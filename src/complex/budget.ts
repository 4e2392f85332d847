/**
 * The size budgets of a build, and the errors that refuse a job past them: cells (--max-cells), with an
 * estimate of the whole job, and the bytes its arrays hold (--max-memory), so that a job too big for the
 * machine stops with a message instead of being killed when memory runs out.
 */
import { TesseraError } from '../numeric/errors.js';

/** Refuse past maxCells, with the estimate of the whole job from the share done (neurons done of total). */
export function cellsOverBudget(cells: number, maxCells: number, done: number, total: number): never {
  const estimate = Math.round((cells * total) / Math.max(done, 1));
  // The estimate travels with the error so that a parallel build can scale a part's to the whole.
  throw Object.assign(
    new TesseraError(
      'budget',
      `this complex would have at least ${estimate.toLocaleString('en-US')} cells (cap ${maxCells.toLocaleString('en-US')}, reached at neuron ${Math.ceil(done)} of ${total}); raise it with --max-cells`,
    ),
    { estimate },
  );
}

/** Refuse once the build's arrays hold, or are about to hold, more than maxBytes. */
export function memoryOverBudget(bytes: number, maxBytes: number, done: number, total: number, cells: number): never {
  throw Object.assign(
    new TesseraError(
      'budget',
      `this job would need more than the memory limit of ${gigabytes(maxBytes)} for its arrays (at least ${gigabytes(bytes)} at neuron ${Math.ceil(done)} of ${total}, ${cells.toLocaleString('en-US')} cells so far); raise it with --max-memory GiB, or use a smaller domain or --max-cells`,
    ),
    { memory: true },
  );
}

/** Total bytes of some typed arrays (a build's working arrays; a shared buffer counts once). */
export function bytesOf(...arrays: readonly (ArrayBufferView | undefined)[]): number {
  const seen = new Set<ArrayBufferLike>();
  let s = 0;
  for (const a of arrays) {
    if (!a || seen.has(a.buffer)) continue;
    seen.add(a.buffer);
    s += a.buffer.byteLength;
  }
  return s;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 3 : 1)} GiB`;
}
