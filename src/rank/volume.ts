/**
 * Volumes of the top cells of a complex, for volume shares by rank. Each cell is a convex polytope
 * whose face lattice the complex stores, so it is triangulated by *pulling* (cone from the cell's
 * lowest-numbered vertex over the triangulations of the facets not containing it, recursively), and
 * the simplices' volumes |det(v₁ − v₀, …, v_d − v₀)| / d! are summed. The same recursion serves any
 * dimension; in 2-D it is the fan triangulation of a convex polygon.
 */
import { determinant } from '../numeric/linalg.js';
import { tolerance } from '../numeric/tolerance.js';
import type { Complex } from '../complex/types.js';

/** Vertex lists of every cell of every dimension (CSR per dimension), gathered bottom-up through facets. */
export function cellVertexLists(complex: Complex): { offsets: Int32Array; indices: Int32Array }[] {
  const out: { offsets: Int32Array; indices: Int32Array }[] = [];
  const V = complex.vertexCount;
  out.push({ offsets: Int32Array.from({ length: V + 1 }, (_, i) => i), indices: Int32Array.from({ length: V }, (_, i) => i) });
  const mark = new Int32Array(V).fill(-1);
  for (let d = 1; d <= complex.dim; d++) {
    const cells = complex.cells[d];
    const below = out[d - 1];
    const offsets = new Int32Array(cells.count + 1);
    const indices: number[] = [];
    for (let c = 0; c < cells.count; c++) {
      for (let f = cells.facetOffsets[c]; f < cells.facetOffsets[c + 1]; f++) {
        const facet = cells.facetIndices[f];
        for (let k = below.offsets[facet]; k < below.offsets[facet + 1]; k++) {
          const v = below.indices[k];
          if (mark[v] !== c) {
            mark[v] = c;
            indices.push(v);
          }
        }
      }
      offsets[c + 1] = indices.length;
    }
    out.push({ offsets, indices: Int32Array.from(indices) });
    mark.fill(-1);
  }
  return out;
}

/** Volume of every top cell (regions), in the complex's own coordinates (slice parameters for a slice). */
export function topCellVolumes(complex: Complex): Float64Array {
  const n = complex.dim;
  const regions = complex.cells[n].count;
  const volumes = new Float64Array(regions);
  if (n === 0) return volumes.fill(1);
  const lists = cellVertexLists(complex);
  const memo: Map<number, Int32Array[]>[] = Array.from({ length: n + 1 }, () => new Map());
  let factorial = 1;
  for (let k = 2; k <= n; k++) factorial *= k;
  const m = new Float64Array(n * n);
  // Determinants of simplices are exact-zero only by accident; no tolerance cut (a sliver keeps its volume).
  const exact = tolerance(0);
  for (let r = 0; r < regions; r++) {
    let vol = 0;
    for (const simplex of triangulate(complex, lists, memo, n, r)) {
      const v0 = simplex[0];
      for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) m[(i - 1) * n + j] = complex.vertices[simplex[i] * n + j] - complex.vertices[v0 * n + j];
      vol += Math.abs(determinant(m, n, exact));
    }
    volumes[r] = vol / factorial;
  }
  return volumes;
}

/** Pulling triangulation of cell (d, c): simplices as vertex lists of length d + 1. */
function triangulate(complex: Complex, lists: { offsets: Int32Array; indices: Int32Array }[], memo: Map<number, Int32Array[]>[], d: number, c: number): Int32Array[] {
  const cached = memo[d].get(c);
  if (cached) return cached;
  const own = lists[d].indices.subarray(lists[d].offsets[c], lists[d].offsets[c + 1]);
  let result: Int32Array[];
  if (d === 1) result = [Int32Array.from(own)];
  else {
    let apex = own[0];
    for (const v of own) if (v < apex) apex = v;
    result = [];
    const cells = complex.cells[d];
    for (let f = cells.facetOffsets[c]; f < cells.facetOffsets[c + 1]; f++) {
      const facet = cells.facetIndices[f];
      const fv = lists[d - 1].indices.subarray(lists[d - 1].offsets[facet], lists[d - 1].offsets[facet + 1]);
      if (fv.includes(apex)) continue;
      for (const s of triangulate(complex, lists, memo, d - 1, facet)) {
        const t = new Int32Array(d + 1);
        t[0] = apex;
        t.set(s, 1);
        result.push(t);
      }
    }
  }
  // Top cells are visited once; memoise only the faces, which neighbours share.
  if (d < complex.dim) memo[d].set(c, result);
  return result;
}
