/**
 * Cubical grids as cell complexes: the box [lo, hi]^k cut into shape[0] × … × shape[k−1] equal boxes,
 * with all their faces. Cells are numbered dimension by dimension in lexicographic order of their
 * position in the doubled lattice (coordinate 2i = a vertex level, 2i+1 = an interval). Used as test and
 * benchmark complexes (a million cells is a 500 × 500 grid) and as a plain cubical complex type.
 */
import type { CellsOfDim, Complex } from '../complex/types.js';
import { TesseraError } from '../numeric/errors.js';

/** The geometric part of a Complex: enough for chain complexes and orientations. */
export type CellGeometry = Pick<Complex, 'dim' | 'vertexCount' | 'vertices'> & { readonly cells: readonly Pick<CellsOfDim, 'count' | 'facetOffsets' | 'facetIndices'>[] };

export function cubicalGrid(shape: readonly number[], lo = -1, hi = 1, maxCells = 5e7): CellGeometry {
  const k = shape.length;
  if (k === 0 || shape.some((n) => !Number.isInteger(n) || n < 1)) throw new TesseraError('input', `grid shape must be positive integers, got [${shape.join(',')}]`);
  const side = shape.map((n) => 2 * n + 1);
  const total = side.reduce((a, b) => a * b, 1);
  if (total > maxCells) throw new TesseraError('budget', `a grid of shape [${shape.join(',')}] has ${total} cells, over the limit of ${maxCells}`);
  // lattice index → (dimension, index within dimension)
  const dimOf = new Int8Array(total);
  const indexOf = new Int32Array(total);
  const counts = new Array<number>(k + 1).fill(0);
  const coord = new Int32Array(k);
  for (let p = 0; p < total; p++) {
    let rest = p;
    let d = 0;
    for (let a = k - 1; a >= 0; a--) {
      coord[a] = rest % side[a];
      rest = (rest - coord[a]) / side[a];
      d += coord[a] & 1;
    }
    dimOf[p] = d;
    indexOf[p] = counts[d]++;
  }
  const stride = new Int32Array(k);
  stride[k - 1] = 1;
  for (let a = k - 2; a >= 0; a--) stride[a] = stride[a + 1] * side[a + 1];
  const offsets = counts.map((n) => new Int32Array(n + 1));
  const facets = counts.map((n, d) => new Int32Array(n * 2 * d));
  const vertices = new Float64Array(counts[0] * k);
  for (let p = 0; p < total; p++) {
    let rest = p;
    for (let a = k - 1; a >= 0; a--) {
      coord[a] = rest % side[a];
      rest = (rest - coord[a]) / side[a];
    }
    const d = dimOf[p];
    const i = indexOf[p];
    if (d === 0) {
      for (let a = 0; a < k; a++) vertices[i * k + a] = lo + ((hi - lo) * coord[a]) / (2 * shape[a]);
      continue;
    }
    let f = 2 * d * i;
    for (let a = 0; a < k; a++) {
      if (!(coord[a] & 1)) continue;
      facets[d][f++] = indexOf[p - stride[a]];
      facets[d][f++] = indexOf[p + stride[a]];
    }
    offsets[d][i + 1] = 2 * d * (i + 1);
  }
  return {
    dim: k,
    vertexCount: counts[0],
    vertices,
    cells: counts.map((count, d) => ({ count, facetOffsets: offsets[d], facetIndices: facets[d] })),
  };
}
