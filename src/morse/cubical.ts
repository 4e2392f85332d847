/**
 * Cubical stars (notes §1.2, §1.4). At a transversal vertex exactly n bent hyperplanes cross, and the star
 * is combinatorially the star of the origin in the orthant decomposition of ℝⁿ: 2n edges in n opposite
 * pairs e_i^±, and one k-cell for every choice of k pairs and a sign in each (C(n,k)·2^k cells).
 *
 * The structure is recognised combinatorially from the face lattice alone (no sign sequences, no
 * coordinates): two edges at v are opposite exactly when no 2-cell contains both. Each cell of the star is
 * then the vector τ ∈ {−1,0,+1}ⁿ of its edges at v, stored as two bit masks (plus, minus).
 */
import type { Complex } from '../complex/types.js';
import { row, type Incidence } from './incidence.js';

/** Stars of dimension above this are not recognised (masks are 32-bit; 3^n cells). */
export const MAX_CUBICAL_DIM = 15;

export interface CubicalStar {
  readonly n: number;
  /** edge index of e_i^+ and e_i^− (global 1-cell ids). */
  readonly plusEdge: Int32Array;
  readonly minusEdge: Int32Array;
  /** Cell of the star with the given edge mask (bit 2i = e_i^+, bit 2i+1 = e_i^−), as (dim, index). */
  readonly cellOfMask: Map<number, number>;
  /** The star's cells per dimension with their masks. */
  readonly cells: readonly Int32Array[];
  readonly masks: readonly Uint32Array[];
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** The cubical structure of v's star, or null when the star is not cubical (non-transversal, boundary). */
export function cubicalStar(complex: Complex, inc: Incidence, v: number): CubicalStar | null {
  const n = complex.dim;
  if (n < 1 || n > MAX_CUBICAL_DIM) return null;
  const edges = row(inc.vertexStar[1], v);
  if (edges.length !== 2 * n) return null;
  for (let d = 1; d <= n; d++) if (row(inc.vertexStar[d], v).length !== binomial(n, d) << d) return null;

  // Edge masks in a provisional numbering (bit j = j-th edge at v); cells' masks bottom-up over facets at v.
  const provisional: Map<number, number>[] = [new Map()];
  const edgeMap = new Map<number, number>();
  edges.forEach((e, j) => edgeMap.set(e, 1 << j));
  provisional.push(edgeMap);
  for (let d = 2; d <= n; d++) {
    const m = new Map<number, number>();
    const c = complex.cells[d];
    for (const sigma of row(inc.vertexStar[d], v)) {
      let mask = 0;
      for (let k = c.facetOffsets[sigma]; k < c.facetOffsets[sigma + 1]; k++) mask |= provisional[d - 1].get(c.facetIndices[k]) ?? 0;
      if (popcount(mask) !== d) return null;
      m.set(sigma, mask);
    }
    provisional.push(m);
  }
  // Opposite edges: the unique partner sharing no 2-cell.
  const adjacent = new Uint32Array(2 * n);
  if (n >= 2) for (const mask of provisional[2].values()) for (let j = 0; j < 2 * n; j++) if (mask & (1 << j)) adjacent[j] |= mask;
  const opposite = new Int32Array(2 * n).fill(-1);
  for (let j = 0; j < 2 * n; j++) {
    const free = ~adjacent[j] & ((1 << (2 * n)) - 1) & ~(1 << j);
    if (n === 1) opposite[j] = 1 - j;
    else {
      if (popcount(free) !== 1) return null;
      opposite[j] = 31 - Math.clz32(free);
    }
  }
  // Number the pairs in order of their lower provisional bit; + is the lower edge id.
  const plusEdge = new Int32Array(n);
  const minusEdge = new Int32Array(n);
  const newBit = new Uint32Array(2 * n);
  let pair = 0;
  for (let j = 0; j < 2 * n; j++) {
    const o = opposite[j];
    if (opposite[o] !== j) return null;
    if (o < j) continue;
    const [plusJ, minusJ] = edges[j] < edges[o] ? [j, o] : [o, j];
    plusEdge[pair] = edges[plusJ];
    minusEdge[pair] = edges[minusJ];
    newBit[plusJ] = 1 << (2 * pair);
    newBit[minusJ] = 1 << (2 * pair + 1);
    pair++;
  }
  if (pair !== n) return null;
  const remap = (mask: number): number => {
    let out = 0;
    for (let j = 0; j < 2 * n; j++) if (mask & (1 << j)) out |= newBit[j];
    return out;
  };
  const cellOfMask = new Map<number, number>();
  const cells: Int32Array[] = [Int32Array.of(v)];
  const masks: Uint32Array[] = [Uint32Array.of(0)];
  cellOfMask.set(0, v);
  for (let d = 1; d <= n; d++) {
    const list = row(inc.vertexStar[d], v);
    const ms = new Uint32Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const mask = remap(provisional[d].get(list[k])!);
      // A cell may not hold both edges of a pair, and masks must be distinct.
      for (let i = 0; i < n; i++) if (((mask >>> (2 * i)) & 3) === 3) return null;
      if (cellOfMask.has(mask)) return null;
      cellOfMask.set(mask, list[k]);
      ms[k] = mask;
    }
    cells.push(Int32Array.from(list));
    masks.push(ms);
  }
  return { n, plusEdge, minusEdge, cellOfMask, cells, masks };
}

/** Slope sign of edge e read from v: +1 when F rises away from v, −1 when it falls, 0 when flat. */
export function slopeFrom(inc: Incidence, edgeSlope: Int8Array, e: number, v: number): number {
  const first = inc.cellVertices[1].indices[inc.cellVertices[1].offsets[e]];
  return first === v ? edgeSlope[e] : -edgeSlope[e];
}

export type TransversalVerdict = { kind: 'degenerate' } | { kind: 'regular'; direction: number } | { kind: 'critical'; index: number };

/**
 * The transversal fast path (notes §1.4, Masden's rule): with D_i the descending edges of pair i, v is
 * regular iff some |D_i| = 1, and otherwise critical of index #{i : |D_i| = 2}. `direction` is the first
 * pair with |D_i| = 1.
 */
export function transversalRule(star: CubicalStar, inc: Incidence, edgeSlope: Int8Array, v: number): TransversalVerdict {
  let index = 0;
  let regular = -1;
  for (let i = 0; i < star.n; i++) {
    const p = slopeFrom(inc, edgeSlope, star.plusEdge[i], v);
    const m = slopeFrom(inc, edgeSlope, star.minusEdge[i], v);
    if (p === 0 || m === 0) return { kind: 'degenerate' };
    const down = (p < 0 ? 1 : 0) + (m < 0 ? 1 : 0);
    if (down === 1 && regular < 0) regular = i;
    if (down === 2) index++;
  }
  return regular >= 0 ? { kind: 'regular', direction: regular } : { kind: 'critical', index };
}
