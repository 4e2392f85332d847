/**
 * The incidence tables Morse theory reads off a complex, built once in flat arrays:
 * - the vertices of every cell (CSR per dimension), gathered bottom-up through the facet lists;
 * - the star of every vertex (the cells of each dimension that contain it), the inverse of the above;
 * - one top cell containing each cell (to borrow an affine map for directional slopes);
 * - which vertices lie on the domain's boundary.
 *
 * The boundary test is combinatorial, not metric: in a pure n-dimensional complex of a convex domain an
 * (n−1)-cell lies on the boundary exactly when one top cell contains it, and a vertex is a boundary vertex
 * exactly when it lies in such a cell. No tolerance is involved.
 */
import type { Complex } from '../complex/types.js';

/** A CSR list: entries of row r are indices[offsets[r] .. offsets[r+1]). */
export interface CSR {
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
}

export interface Incidence {
  readonly dim: number;
  readonly vertexCount: number;
  /** cellVertices[d]: the vertices of each d-cell (d = 0 is the identity). */
  readonly cellVertices: readonly CSR[];
  /** vertexStar[d]: for each vertex, the d-cells containing it. */
  readonly vertexStar: readonly CSR[];
  /** cofacets[d]: for each d-cell, the (d+1)-cells having it as a facet (empty for d = dim). */
  readonly cofacets: readonly CSR[];
  /** anyTop[d][i]: one top cell containing d-cell i. */
  readonly anyTop: readonly Int32Array[];
  /** 1 where the vertex lies on the boundary of the domain. */
  readonly boundaryVertex: Uint8Array;
  /** cellsByDim[d] = number of d-cells. */
  readonly counts: readonly number[];
}

/** Row r of a CSR list as a subarray (no copy). */
export function row(csr: CSR, r: number): Int32Array {
  return csr.indices.subarray(csr.offsets[r], csr.offsets[r + 1]);
}

/** Transpose of a CSR list from `rows` rows into `cols` columns. */
export function transpose(csr: CSR, rows: number, cols: number): CSR {
  const offsets = new Int32Array(cols + 1);
  for (let k = 0; k < csr.offsets[rows]; k++) offsets[csr.indices[k] + 1]++;
  for (let c = 0; c < cols; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, cols);
  const indices = new Int32Array(offsets[cols]);
  for (let r = 0; r < rows; r++) {
    for (let k = csr.offsets[r]; k < csr.offsets[r + 1]; k++) indices[fill[csr.indices[k]]++] = r;
  }
  return { offsets, indices };
}

function facetCSR(complex: Complex, d: number): CSR {
  const c = complex.cells[d];
  return { offsets: c.facetOffsets, indices: c.facetIndices };
}

/** Vertex sets of the d-cells from those of the (d−1)-cells: union over facets, deduplicated by a stamp array. */
function gatherVertices(facets: CSR, count: number, below: CSR, vertexCount: number): CSR {
  const stamp = new Int32Array(vertexCount).fill(-1);
  const offsets = new Int32Array(count + 1);
  let buf = new Int32Array(Math.max(16, count * 4));
  let n = 0;
  for (let i = 0; i < count; i++) {
    for (let k = facets.offsets[i]; k < facets.offsets[i + 1]; k++) {
      const f = facets.indices[k];
      for (let q = below.offsets[f]; q < below.offsets[f + 1]; q++) {
        const v = below.indices[q];
        if (stamp[v] === i) continue;
        stamp[v] = i;
        if (n === buf.length) {
          const grown = new Int32Array(buf.length * 2);
          grown.set(buf);
          buf = grown;
        }
        buf[n++] = v;
      }
    }
    offsets[i + 1] = n;
  }
  return { offsets, indices: buf.slice(0, n) };
}

export function buildIncidence(complex: Complex): Incidence {
  const dim = complex.dim;
  const V = complex.vertexCount;
  const counts = complex.cells.map((c) => c.count);
  const identity: CSR = { offsets: Int32Array.from({ length: V + 1 }, (_, i) => i), indices: Int32Array.from({ length: V }, (_, i) => i) };
  const cellVertices: CSR[] = [identity];
  for (let d = 1; d <= dim; d++) cellVertices.push(gatherVertices(facetCSR(complex, d), counts[d], cellVertices[d - 1], V));
  const vertexStar = cellVertices.map((cv, d) => transpose(cv, counts[d], V));
  const cofacets: CSR[] = [];
  for (let d = 0; d < dim; d++) cofacets.push(transpose(facetCSR(complex, d + 1), counts[d + 1], counts[d]));
  cofacets.push({ offsets: new Int32Array(counts[dim] + 1), indices: new Int32Array(0) });

  // One containing top cell per cell, pushed down from the top.
  const anyTop: Int32Array[] = counts.map((c) => new Int32Array(c).fill(-1));
  for (let i = 0; i < counts[dim]; i++) anyTop[dim][i] = i;
  for (let d = dim; d >= 1; d--) {
    const f = facetCSR(complex, d);
    for (let i = 0; i < counts[d]; i++) {
      const t = anyTop[d][i];
      for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) if (anyTop[d - 1][f.indices[k]] < 0) anyTop[d - 1][f.indices[k]] = t;
    }
  }

  const boundaryVertex = new Uint8Array(V);
  if (dim >= 1) {
    const co = cofacets[dim - 1];
    const cv = cellVertices[dim - 1];
    for (let i = 0; i < counts[dim - 1]; i++) {
      if (co.offsets[i + 1] - co.offsets[i] >= 2) continue;
      for (let k = cv.offsets[i]; k < cv.offsets[i + 1]; k++) boundaryVertex[cv.indices[k]] = 1;
    }
  }
  return { dim, vertexCount: V, cellVertices, vertexStar, cofacets, anyTop, boundaryVertex, counts };
}
