/**
 * Sublevel filtrations of a cell complex and their barcodes (Z/2).
 *
 * Lower-star filtration (Edelsbrunner & Harer, Computational Topology, VI.3): a cell enters at the
 * largest value of F on its vertices; ties are broken by dimension, then by the rank of the cell's
 * highest vertex, then index (lowerStarOrder). For F affine on every
 * convex cell, the subcomplex {σ : max_v F(v) ≤ t} is a deformation retract of {F ≤ t} (papers note
 * §1.8 "Filtration note"), so this barcode is exactly the sublevel persistence of F on the complex.
 */
import { TesseraError } from '../numeric/errors.js';
import { sortBars, type Bar, type Barcode } from './barcode.js';
import type { ChainComplex } from './chain-complex.js';
import { cellPairs } from './pairs.js';

/** Value of each cell: the max over its vertices, computed as the max over its facets. */
export function lowerStarValues(chain: ChainComplex, vertexValues: ArrayLike<number>): Float64Array[] {
  if (vertexValues.length !== chain.counts[0]) throw new TesseraError('shape', `${vertexValues.length} vertex values for ${chain.counts[0]} vertices`);
  const values: Float64Array[] = [Float64Array.from(vertexValues)];
  for (let d = 1; d < chain.counts.length; d++) {
    const m = chain.boundaries[d];
    const below = values[d - 1];
    const v = new Float64Array(m.cols);
    for (let j = 0; j < m.cols; j++) {
      let x = -Infinity;
      for (let k = m.colOffsets[j]; k < m.colOffsets[j + 1]; k++) if (below[m.rowIndices[k]] > x) x = below[m.rowIndices[k]];
      v[j] = x;
    }
    values.push(v);
  }
  return values;
}

/** Cells of each dimension sorted by (value, index). */
export function filtrationOrder(values: readonly Float64Array[]): Int32Array[] {
  return values.map((v) => {
    const o = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) o[i] = i;
    return o.sort((a, b) => v[a] - v[b] || a - b);
  });
}

/**
 * Barcode of the filtration with the given cell values (each cell's value ≥ its facets'). Zero-length
 * bars (birth = death) are left out.
 */
export function filtrationBarcode(chain: ChainComplex, values: readonly Float64Array[]): Barcode {
  for (let d = 0; d < values.length; d++) {
    const v = values[d];
    for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) throw new TesseraError('input', `cell ${i} of dimension ${d} has value NaN`);
  }
  return barcodeInOrder(chain, values, filtrationOrder(values));
}

/** Bars from the persistence pairs of a filtration order, valued by the cells' values. */
function barcodeInOrder(chain: ChainComplex, values: readonly Float64Array[], order: Int32Array[]): Barcode {
  const { pairs, essential } = cellPairs(chain, order);
  const barcode: Barcode = [];
  for (let d = 0; d < chain.counts.length; d++) {
    const bars: Bar[] = [];
    const p = pairs[d];
    for (let k = 0; k < p.length; k += 2) {
      const birth = values[d][p[k]];
      const death = values[d + 1][p[k + 1]];
      if (death > birth) bars.push({ birth, death });
    }
    for (const c of essential[d]) bars.push({ birth: values[d][c], death: Infinity });
    barcode.push(sortBars(bars));
  }
  return barcode;
}

/**
 * The lower-star filtration order without comparison sorts: vertices sorted once by (value, index);
 * every cell is keyed by the rank of its highest vertex (the max over its facets' keys), and each
 * dimension is counting-sorted by (key, index) in linear time. Ties in value are thus broken by vertex
 * rank, then cell index — a valid filtration (a face's key never exceeds its coface's), and ties only
 * ever change zero-length bars.
 */
export function lowerStarOrder(chain: ChainComplex, vertexValues: ArrayLike<number>): { order: Int32Array[]; values: Float64Array[] } {
  const V = chain.counts[0];
  if (vertexValues.length !== V) throw new TesseraError('shape', `${vertexValues.length} vertex values for ${V} vertices`);
  for (let i = 0; i < V; i++) if (Number.isNaN(vertexValues[i])) throw new TesseraError('input', `vertex ${i} has value NaN`);
  const byValue = new Int32Array(V);
  for (let i = 0; i < V; i++) byValue[i] = i;
  byValue.sort((a, b) => vertexValues[a] - vertexValues[b] || a - b);
  let keys = new Int32Array(V);
  for (let r = 0; r < V; r++) keys[byValue[r]] = r;
  const order: Int32Array[] = [byValue];
  const values: Float64Array[] = [Float64Array.from(vertexValues)];
  const count = new Int32Array(V + 1);
  for (let d = 1; d < chain.counts.length; d++) {
    const m = chain.boundaries[d];
    const next = new Int32Array(m.cols);
    count.fill(0);
    for (let j = 0; j < m.cols; j++) {
      let k = -1;
      for (let q = m.colOffsets[j]; q < m.colOffsets[j + 1]; q++) if (keys[m.rowIndices[q]] > k) k = keys[m.rowIndices[q]];
      if (k < 0) throw new TesseraError('input', `${d}-cell ${j} has no facets`);
      next[j] = k;
      count[k + 1]++;
    }
    for (let r = 0; r < V; r++) count[r + 1] += count[r];
    const o = new Int32Array(m.cols);
    for (let j = 0; j < m.cols; j++) o[count[next[j]]++] = j; // stable: ascending index within a key
    const v = new Float64Array(m.cols);
    for (let j = 0; j < m.cols; j++) v[j] = vertexValues[byValue[next[j]]];
    order.push(o);
    values.push(v);
    keys = next;
  }
  return { order, values };
}

/** Sublevel persistence of a function given at the vertices (lower-star filtration). */
export function lowerStarBarcode(chain: ChainComplex, vertexValues: ArrayLike<number>): Barcode {
  const { order, values } = lowerStarOrder(chain, vertexValues);
  return barcodeInOrder(chain, values, order);
}
