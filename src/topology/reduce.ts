/**
 * Z/2 column reduction of a boundary matrix (the standard persistence algorithm, Edelsbrunner–
 * Letscher–Zomorodian; Zomorodian–Carlsson), with clearing (Chen & Kerber, "Persistent homology
 * computation with a twist", 2011): columns known to reduce to zero are skipped.
 *
 * Columns are processed left to right; the pivot ("low") of a column is its largest row index. A
 * column whose pivot is already owned by an earlier column gets that column added (symmetric
 * difference of sorted index lists) until its pivot is new or it vanishes. Reduced columns are kept in
 * one growing Int32Array pool; a column that never needed an addition is read from the input.
 */
import type { BoundaryMatrix } from './boundary.js';

export interface Reduction {
  /** low[j] = pivot row of reduced column j, or −1 when column j reduced to zero (or was cleared). */
  readonly low: Int32Array;
  /** Number of non-zero reduced columns: the rank of the matrix over Z/2. */
  readonly rank: number;
}

/**
 * Reduce `m` over Z/2. `skip[j] ≠ 0` marks a column known to reduce to zero (clearing). Rows within
 * each column must be ascending (BoundaryMatrix guarantees it).
 */
export function reduceZ2(m: BoundaryMatrix, skip?: Uint8Array): Reduction {
  const { rows, cols, colOffsets, rowIndices } = m;
  const low = new Int32Array(cols).fill(-1);
  const owner = new Int32Array(rows).fill(-1);
  // Where each pivot column's reduced form lives: start ≥ 0 in the pool, or −1 for "as in the input".
  const start = new Int32Array(cols).fill(-1);
  const length = new Int32Array(cols);
  let pool = new Int32Array(1024);
  let poolSize = 0;
  let a = new Int32Array(64);
  let b = new Int32Array(64);
  let rank = 0;

  for (let j = 0; j < cols; j++) {
    if (skip && skip[j]) continue;
    const c0 = colOffsets[j];
    let len = colOffsets[j + 1] - c0;
    if (len === 0) continue;
    let pivot = rowIndices[c0 + len - 1];
    let other = owner[pivot];
    if (other < 0) {
      owner[pivot] = j;
      low[j] = pivot;
      rank++;
      continue;
    }
    if (a.length < len) a = new Int32Array(2 * len);
    a.set(rowIndices.subarray(c0, c0 + len));
    while (len > 0 && (other = owner[pivot]) >= 0) {
      // a ← a + column(other), both sorted: merge, dropping entries present in both.
      let src: Int32Array;
      let s0: number;
      let sl: number;
      if (start[other] < 0) {
        src = rowIndices;
        s0 = colOffsets[other];
        sl = colOffsets[other + 1] - s0;
      } else {
        src = pool;
        s0 = start[other];
        sl = length[other];
      }
      if (b.length < len + sl) b = new Int32Array(2 * (len + sl));
      let p = 0;
      let q = s0;
      const qEnd = s0 + sl;
      let n = 0;
      while (p < len && q < qEnd) {
        const x = a[p];
        const y = src[q];
        if (x < y) (b[n++] = x), p++;
        else if (y < x) (b[n++] = y), q++;
        else p++, q++;
      }
      while (p < len) b[n++] = a[p++];
      while (q < qEnd) b[n++] = src[q++];
      const t = a;
      a = b;
      b = t;
      len = n;
      if (len > 0) pivot = a[len - 1];
    }
    if (len === 0) continue;
    owner[pivot] = j;
    low[j] = pivot;
    rank++;
    if (poolSize + len > pool.length) {
      const bigger = new Int32Array(Math.max(2 * pool.length, poolSize + len));
      bigger.set(pool.subarray(0, poolSize));
      pool = bigger;
    }
    pool.set(a.subarray(0, len), poolSize);
    start[j] = poolSize;
    length[j] = len;
    poolSize += len;
  }
  return { low, rank };
}
