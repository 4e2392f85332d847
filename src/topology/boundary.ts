/**
 * Boundary matrices in compressed-column form (CSC). Column j lists the facets of cell j: row
 * indices (cells one dimension lower) and, for oriented complexes, incidence numbers ±1. Over Z/2 the
 * coefficients are left out. Row indices within a column are kept in ascending order, which the Z/2
 * reduction relies on (the pivot of a column is its last entry).
 */
import { TesseraError } from '../numeric/errors.js';

export interface BoundaryMatrix {
  /** Number of (d−1)-cells. */
  readonly rows: number;
  /** Number of d-cells. */
  readonly cols: number;
  /** cols + 1 offsets into rowIndices. */
  readonly colOffsets: Int32Array;
  /** Facet indices, ascending within each column. */
  readonly rowIndices: Int32Array;
  /** Incidence numbers (±1, or any small integer) aligned with rowIndices; absent over Z/2. */
  readonly coefficients?: Int8Array;
}

/**
 * A boundary matrix from CSC arrays; sorts each column's rows (carrying coefficients along) and checks
 * ranges. Over Z/2 (no coefficients) a repeated row cancels in pairs; with coefficients they add.
 */
export function boundaryMatrix(rows: number, cols: number, colOffsets: Int32Array, rowIndices: Int32Array, coefficients?: Int8Array): BoundaryMatrix {
  if (colOffsets.length !== cols + 1) throw new TesseraError('shape', `boundary matrix: ${colOffsets.length} column offsets for ${cols} columns`);
  if (coefficients && coefficients.length !== rowIndices.length) throw new TesseraError('shape', 'boundary matrix: coefficients and row indices differ in length');
  let sorted = true;
  for (let j = 0; j < cols; j++) {
    const a = colOffsets[j];
    const b = colOffsets[j + 1];
    if (a > b || b > rowIndices.length) throw new TesseraError('shape', `boundary matrix: column ${j} has bad offsets`);
    for (let k = a; k < b; k++) {
      const r = rowIndices[k];
      if (r < 0 || r >= rows) throw new TesseraError('shape', `boundary matrix: column ${j} names row ${r}, outside 0..${rows - 1}`);
      if (k > a && rowIndices[k - 1] >= r) sorted = false;
    }
  }
  if (sorted) return { rows, cols, colOffsets, rowIndices, coefficients };
  return canonicalize(rows, cols, colOffsets, rowIndices, coefficients);
}

/** Sort each column and merge repeated rows (sum coefficients; over Z/2 cancel in pairs). */
function canonicalize(rows: number, cols: number, colOffsets: Int32Array, rowIndices: Int32Array, coefficients?: Int8Array): BoundaryMatrix {
  const offsets = new Int32Array(cols + 1);
  const outRows = new Int32Array(rowIndices.length);
  const outCoef = coefficients ? new Int8Array(rowIndices.length) : undefined;
  let n = 0;
  for (let j = 0; j < cols; j++) {
    // insertion sort into the output (boundary columns are short)
    const s = n;
    for (let k = colOffsets[j]; k < colOffsets[j + 1]; k++) {
      const r = rowIndices[k];
      const c = coefficients ? coefficients[k] : 1;
      let p = n++;
      while (p > s && outRows[p - 1] > r) {
        outRows[p] = outRows[p - 1];
        if (outCoef) outCoef[p] = outCoef[p - 1];
        p--;
      }
      outRows[p] = r;
      if (outCoef) outCoef[p] = c;
    }
    // merge equal rows in place
    let w = s;
    let i = s;
    while (i < n) {
      const r = outRows[i];
      let c = 0;
      let count = 0;
      while (i < n && outRows[i] === r) {
        c += outCoef ? outCoef[i] : 1;
        count++;
        i++;
      }
      if (outCoef ? c !== 0 : count % 2 === 1) {
        outRows[w] = r;
        if (outCoef) outCoef[w] = c;
        w++;
      }
    }
    n = w;
    offsets[j + 1] = n;
  }
  return { rows, cols, colOffsets: offsets, rowIndices: outRows.slice(0, n), coefficients: outCoef?.slice(0, n) };
}

/** The zero map from a space of dimension `cols` to one of dimension `rows`. */
export function zeroBoundary(rows: number, cols: number): BoundaryMatrix {
  return { rows, cols, colOffsets: new Int32Array(cols + 1), rowIndices: new Int32Array(0) };
}

/** Build from a list of columns (rows ascending or not) — convenient for small, hand-written complexes. */
export function boundaryFromColumns(rows: number, columns: readonly (readonly number[])[], coefficients?: readonly (readonly number[])[]): BoundaryMatrix {
  const offsets = new Int32Array(columns.length + 1);
  let nnz = 0;
  columns.forEach((c, j) => {
    nnz += c.length;
    offsets[j + 1] = nnz;
  });
  const idx = new Int32Array(nnz);
  const coef = coefficients ? new Int8Array(nnz) : undefined;
  columns.forEach((c, j) => {
    for (let k = 0; k < c.length; k++) {
      idx[offsets[j] + k] = c[k];
      if (coef) coef[offsets[j] + k] = coefficients![j][k];
    }
  });
  return boundaryMatrix(rows, columns.length, offsets, idx, coef);
}

/** Number of non-zeros in each row (for a boundary matrix: how many d-cells each (d−1)-cell bounds). */
export function rowCounts(m: BoundaryMatrix): Int32Array {
  const c = new Int32Array(m.rows);
  for (let k = 0; k < m.colOffsets[m.cols]; k++) c[m.rowIndices[k]]++;
  return c;
}

/** The transpose in CSC form, i.e. the rows of m as columns (coboundaries). */
export function transpose(m: BoundaryMatrix): BoundaryMatrix {
  const offsets = new Int32Array(m.rows + 1);
  const nnz = m.colOffsets[m.cols];
  for (let k = 0; k < nnz; k++) offsets[m.rowIndices[k] + 1]++;
  for (let r = 0; r < m.rows; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, m.rows);
  const idx = new Int32Array(nnz);
  const coef = m.coefficients ? new Int8Array(nnz) : undefined;
  for (let j = 0; j < m.cols; j++) {
    for (let k = m.colOffsets[j]; k < m.colOffsets[j + 1]; k++) {
      const p = fill[m.rowIndices[k]]++;
      idx[p] = j; // columns visited in ascending order, so each new column stays sorted
      if (coef) coef[p] = m.coefficients![k];
    }
  }
  return { rows: m.cols, cols: m.rows, colOffsets: offsets, rowIndices: idx, coefficients: coef };
}

/**
 * Renumber a matrix: row r becomes rowRank[r], column j becomes colRank[j] (both permutations), with
 * each column re-sorted. Used to put a boundary matrix in filtration order before reducing it.
 */
export function permuteMatrix(m: BoundaryMatrix, rowRank: Int32Array, colRank: Int32Array): BoundaryMatrix {
  const offsets = new Int32Array(m.cols + 1);
  for (let j = 0; j < m.cols; j++) offsets[colRank[j] + 1] = m.colOffsets[j + 1] - m.colOffsets[j];
  for (let j = 0; j < m.cols; j++) offsets[j + 1] += offsets[j];
  const idx = new Int32Array(m.colOffsets[m.cols]);
  for (let j = 0; j < m.cols; j++) {
    const start = offsets[colRank[j]];
    const len = m.colOffsets[j + 1] - m.colOffsets[j];
    for (let k = 0; k < len; k++) {
      // insertion sort: boundary columns are short
      const v = rowRank[m.rowIndices[m.colOffsets[j] + k]];
      let p = start + k;
      while (p > start && idx[p - 1] > v) {
        idx[p] = idx[p - 1];
        p--;
      }
      idx[p] = v;
    }
  }
  return { rows: m.rows, cols: m.cols, colOffsets: offsets, rowIndices: idx };
}
