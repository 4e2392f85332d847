/**
 * Chain complexes of cell complexes: C_0 ← C_1 ← … ← C_top, one boundary matrix per dimension.
 * Over Z/2 only the incidences matter; over Z the matrices carry incidence numbers ±1
 * (see orientation.ts for polyhedral cells and simplicial.ts for simplicial complexes).
 */
import type { CellsOfDim } from '../complex/types.js';
import { TesseraError } from '../numeric/errors.js';
import { boundaryMatrix, zeroBoundary, type BoundaryMatrix } from './boundary.js';

export interface ChainComplex {
  /** counts[d] = number of d-cells, d = 0..top. */
  readonly counts: readonly number[];
  /** boundaries[d]: C_d → C_{d−1} (counts[d−1] × counts[d]); boundaries[0] is the zero map to nothing. */
  readonly boundaries: readonly BoundaryMatrix[];
}

/** Assemble and check shapes: boundaries[d] must be counts[d−1] × counts[d]. */
export function chainComplex(boundaries: readonly BoundaryMatrix[]): ChainComplex {
  if (boundaries.length === 0) throw new TesseraError('shape', 'a chain complex needs at least the 0-cells');
  const counts = boundaries.map((b) => b.cols);
  for (let d = 1; d < boundaries.length; d++) {
    if (boundaries[d].rows !== counts[d - 1]) {
      throw new TesseraError('shape', `boundary of dimension ${d} has ${boundaries[d].rows} rows but there are ${counts[d - 1]} cells of dimension ${d - 1}`);
    }
  }
  return { counts, boundaries };
}

/** Top dimension (the largest d with a d-cell slot; trailing empty dimensions count). */
export function topDimension(chain: ChainComplex): number {
  return chain.counts.length - 1;
}

/** χ = Σ (−1)^d n_d. */
export function chainEulerCharacteristic(chain: ChainComplex): number {
  let chi = 0;
  chain.counts.forEach((n, d) => (chi += d % 2 === 0 ? n : -n));
  return chi;
}

/**
 * The Z/2 chain complex of a polyhedral complex, read straight from its facet lists. Pass `oriented`
 * incidence numbers (orientation.ts: incidenceNumbers) to get the integral chain complex instead.
 */
export function chainComplexOfComplex(complex: { readonly cells: readonly Pick<CellsOfDim, 'count' | 'facetOffsets' | 'facetIndices'>[] }, coefficients?: readonly (Int8Array | undefined)[]): ChainComplex {
  const b: BoundaryMatrix[] = [zeroBoundary(0, complex.cells[0].count)];
  for (let d = 1; d < complex.cells.length; d++) {
    const c = complex.cells[d];
    b.push(boundaryMatrix(complex.cells[d - 1].count, c.count, c.facetOffsets, c.facetIndices, coefficients?.[d]));
  }
  return chainComplex(b);
}

export interface Subcomplex {
  readonly chain: ChainComplex;
  /** For each dimension, the original index of each kept cell. */
  readonly cells: readonly Int32Array[];
}

/**
 * The subcomplex of the cells marked in `keep[d]` (non-zero = kept). The marked cells must form a
 * closed set: every facet of a kept cell is kept. Trailing dimensions with no cells are dropped
 * (dimension 0 always stays).
 */
export function subcomplex(chain: ChainComplex, keep: readonly ArrayLike<number>[]): Subcomplex {
  let top = chain.counts.length - 1;
  const count = (d: number) => {
    let n = 0;
    for (let i = 0; i < chain.counts[d]; i++) if (keep[d][i]) n++;
    return n;
  };
  while (top > 0 && count(top) === 0) top--;
  const newIndex: Int32Array[] = [];
  const cells: Int32Array[] = [];
  const boundaries: BoundaryMatrix[] = [];
  for (let d = 0; d <= top; d++) {
    const n = chain.counts[d];
    if (keep[d].length !== n) throw new TesseraError('shape', `subcomplex: mask of dimension ${d} has ${keep[d].length} entries for ${n} cells`);
    const map = new Int32Array(n).fill(-1);
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (keep[d][i]) (map[i] = kept.length), kept.push(i);
    newIndex.push(map);
    cells.push(Int32Array.from(kept));
    if (d === 0) {
      boundaries.push(zeroBoundary(0, kept.length));
      continue;
    }
    const m = chain.boundaries[d];
    const offsets = new Int32Array(kept.length + 1);
    let nnz = 0;
    for (let k = 0; k < kept.length; k++) nnz += m.colOffsets[kept[k] + 1] - m.colOffsets[kept[k]];
    const idx = new Int32Array(nnz);
    const coef = m.coefficients ? new Int8Array(nnz) : undefined;
    let p = 0;
    const below = newIndex[d - 1];
    for (let k = 0; k < kept.length; k++) {
      for (let q = m.colOffsets[kept[k]]; q < m.colOffsets[kept[k] + 1]; q++) {
        const r = below[m.rowIndices[q]];
        if (r < 0) throw new TesseraError('input', `subcomplex is not closed: ${d}-cell ${kept[k]} is kept but its facet ${m.rowIndices[q]} is not`);
        idx[p] = r; // the renumbering is monotone, so columns stay sorted
        if (coef) coef[p] = m.coefficients![q];
        p++;
      }
      offsets[k + 1] = p;
    }
    boundaries.push({ rows: cells[d - 1].length, cols: kept.length, colOffsets: offsets, rowIndices: idx, coefficients: coef });
  }
  return { chain: chainComplex(boundaries), cells };
}
