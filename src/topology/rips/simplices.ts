/**
 * Simplices of a Vietoris–Rips complex, kept implicit: a k-simplex is its combinatorial index, its
 * diameter is the largest distance among its vertices, and its facets and cofacets are enumerated from
 * the index (Bauer, "Ripser: efficient computation of Vietoris–Rips persistence barcodes", 2021, §3).
 */
import { binomial, type BinomialTable } from './binomial.js';

export interface RipsSpace {
  readonly n: number;
  /**
   * Dense mode: n × n distances, row-major (an edge is present when ≤ threshold). Sparse mode (null):
   * the filtered graph is the neighbour lists with their values in nbrValues (after edge collapse).
   */
  readonly dist: Float64Array | null;
  readonly nbrValues: Float64Array | null;
  readonly binom: BinomialTable;
  readonly threshold: number;
  /** Neighbours within the threshold of each vertex, in decreasing vertex order (CSR). */
  readonly nbrOffsets: Int32Array;
  readonly nbrs: Int32Array;
  /** Scratch for zero-pivot searches, owned by this computation. */
  readonly work: CofacetBuffer;
  readonly workCursor: CofacetCursor;
}

/** Growable parallel arrays of (diameter, index) entries. */
export interface CofacetBuffer {
  diam: Float64Array;
  index: Float64Array;
  size: number;
}

export function cofacetBuffer(capacity = 256): CofacetBuffer {
  return { diam: new Float64Array(capacity), index: new Float64Array(capacity), size: 0 };
}

/** A cursor with tables for simplices of dimension up to maxK − 2. */
export function emptyCursor(maxK: number): CofacetCursor {
  return { pos: 0, end: 0, j: 0, above: new Float64Array(maxK), below: new Float64Array(maxK) };
}

/** CSR lists of the vertices within `threshold` of each vertex, largest first. */
export function neighbourLists(dist: Float64Array, n: number, threshold: number): { nbrOffsets: Int32Array; nbrs: Int32Array } {
  const nbrOffsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let c = 0;
    for (let w = 0; w < n; w++) if (w !== v && dist[v * n + w] <= threshold) c++;
    nbrOffsets[v + 1] = nbrOffsets[v] + c;
  }
  const nbrs = new Int32Array(nbrOffsets[n]);
  for (let v = 0; v < n; v++) {
    let p = nbrOffsets[v];
    for (let w = n - 1; w >= 0; w--) if (w !== v && dist[v * n + w] <= threshold) nbrs[p++] = w;
  }
  return { nbrOffsets, nbrs };
}

/**
 * Filtration value of the edge uv (u ≠ v); Infinity when absent. Sparse mode: binary search in u's
 * neighbour list (decreasing vertex order).
 */
export function edgeValue(s: RipsSpace, u: number, v: number): number {
  if (s.dist !== null) {
    const x = s.dist[u * s.n + v];
    return x > s.threshold ? Infinity : x;
  }
  return sparseValue(s.nbrOffsets, s.nbrs, s.nbrValues!, u, v);
}

function sparseValue(offsets: Int32Array, nbrs: Int32Array, values: Float64Array, u: number, v: number): number {
  let lo = offsets[u];
  let hi = offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = nbrs[mid];
    if (w === v) return values[mid];
    if (w > v) lo = mid + 1;
    else hi = mid - 1;
  }
  return Infinity;
}

/** Vertices of the k-simplex `index`, largest first, into out[0..k]. */
export function simplexVertices(s: RipsSpace, index: number, k: number, out: Int32Array): void {
  let idx = index;
  let top = s.n - 1;
  for (let kk = k + 1; kk >= 1; kk--) {
    // largest v ≤ top with C(v, kk) ≤ idx (binary search)
    let lo = kk - 1;
    let hi = top;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (binomial(s.binom, mid, kk) <= idx) lo = mid;
      else hi = mid - 1;
    }
    out[k + 1 - kk] = lo;
    idx -= binomial(s.binom, lo, kk);
    top = lo - 1;
  }
}

/** Index of the simplex with the given vertices (largest first). */
export function simplexIndex(s: RipsSpace, vertices: Int32Array, k: number): number {
  let idx = 0;
  for (let i = 0; i <= k; i++) idx += binomial(s.binom, vertices[i], k + 1 - i);
  return idx;
}

export function diameterOf(s: RipsSpace, vertices: Int32Array, k: number): number {
  let d = 0;
  for (let i = 0; i <= k; i++) {
    for (let j = i + 1; j <= k; j++) {
      const x = edgeValue(s, vertices[i], vertices[j]);
      if (x > d) d = x;
    }
  }
  return d;
}

/**
 * Where an enumeration of the cofacets of a k-simplex stands. Cofacets add a vertex w that is a
 * neighbour of every vertex; candidates come from the neighbour list of the simplex's vertex with the
 * fewest neighbours (Ripser's sparse mode does the same), in decreasing w, which is decreasing cofacet
 * index. With the vertices v_0 > … > v_k and j of them above w, the cofacet's index is
 * Σ_{i<j} C(v_i, k+2−i) + C(w, k+2−j) + Σ_{i≥j} C(v_i, k+1−i); the two sums are kept as prefix/suffix
 * tables so each cofacet costs O(k).
 */
export interface CofacetCursor {
  pos: number;
  end: number;
  j: number;
  /** Tables sized for k + 2 entries (at least). */
  /** above[j] = Σ_{i<j} C(v_i, k+2−i), below[j] = Σ_{i≥j} C(v_i, k+1−i). */
  readonly above: Float64Array;
  readonly below: Float64Array;
}

export function cofacetCursor(s: RipsSpace, vertices: Int32Array, k: number, into?: CofacetCursor): CofacetCursor {
  let pivot = vertices[0];
  for (let i = 1; i <= k; i++) {
    const v = vertices[i];
    if (s.nbrOffsets[v + 1] - s.nbrOffsets[v] < s.nbrOffsets[pivot + 1] - s.nbrOffsets[pivot]) pivot = v;
  }
  // reuse the caller's cursor when given (no allocation in the reduction's inner loop)
  const cur = into && into.above.length >= k + 2 ? into : { pos: 0, end: 0, j: 0, above: new Float64Array(k + 2), below: new Float64Array(k + 2) };
  const { above, below } = cur;
  above[0] = 0;
  below[k + 1] = 0;
  for (let i = 0; i <= k; i++) above[i + 1] = above[i] + binomial(s.binom, vertices[i], k + 2 - i);
  for (let i = k; i >= 0; i--) below[i] = below[i + 1] + binomial(s.binom, vertices[i], k + 1 - i);
  cur.pos = s.nbrOffsets[pivot];
  cur.end = s.nbrOffsets[pivot + 1];
  cur.j = 0;
  return cur;
}

/**
 * Append cofacets (below the threshold) from the cursor on to `out` at out.size, in decreasing index
 * order. With `stopAtEqual`, stop right after appending the first one whose diameter equals the
 * simplex's and return true; otherwise run to the end and return false. With `onlyLarger`, only
 * cofacets whose new vertex exceeds all of the simplex's (each (k+1)-simplex is met once that way).
 */
export function appendCofacets(
  s: RipsSpace, diam: number, vertices: Int32Array, k: number, cur: CofacetCursor,
  out: CofacetBuffer, stopAtEqual: boolean, onlyLarger = false,
): boolean {
  const { n, dist, threshold, nbrs, nbrOffsets, nbrValues } = s;
  const table = s.binom.table;
  const stride = s.binom.n + 1;
  let j = cur.j;
  for (let pos = cur.pos; pos < cur.end; pos++) {
    const w = nbrs[pos];
    while (j <= k && vertices[j] > w) j++;
    if (onlyLarger && j > 0) break;
    if (j <= k && vertices[j] === w) continue;
    let d = diam;
    let i = 0;
    if (dist !== null) {
      const r = w * n;
      for (; i <= k; i++) {
        const x = dist[r + vertices[i]];
        if (x > threshold) break;
        if (x > d) d = x;
      }
    } else {
      // sparse: the edge w–v_i from v_i's list (absent edges read as Infinity)
      for (; i <= k; i++) {
        const x = sparseValue(nbrOffsets, nbrs, nbrValues!, vertices[i], w);
        if (x > threshold) break;
        if (x > d) d = x;
      }
    }
    if (i <= k) continue;
    if (out.size === out.diam.length) {
      const a = new Float64Array(2 * out.size);
      a.set(out.diam);
      out.diam = a;
      const b = new Float64Array(2 * out.size);
      b.set(out.index);
      out.index = b;
    }
    const kk = k + 2 - j;
    out.diam[out.size] = d;
    out.index[out.size] = cur.above[j] + (kk <= w ? table[kk * stride + w] : 0) + cur.below[j];
    out.size++;
    if (stopAtEqual && d === diam) {
      cur.pos = pos + 1;
      cur.j = j;
      return true;
    }
  }
  cur.pos = cur.end;
  cur.j = j;
  return false;
}

/** The first cofacet in filtration order if it has the simplex's own diameter (a zero-persistence pivot). */
export function zeroPivotCofacet(s: RipsSpace, diam: number, vertices: Int32Array, k: number): number {
  const scratch = s.work;
  scratch.size = 0;
  // appendCofacets stops at the first equal-diameter cofacet, which is the filtration-first one
  return appendCofacets(s, diam, vertices, k, cofacetCursor(s, vertices, k, s.workCursor), scratch, true) ? scratch.index[scratch.size - 1] : -1;
}

/**
 * The last facet in filtration order (largest diameter, then smallest index) if it has the simplex's
 * own diameter; −1 otherwise. `scratch` needs room for k vertices.
 */
export function zeroPivotFacet(s: RipsSpace, diam: number, vertices: Int32Array, k: number, scratch: Int32Array): number {
  let best = -1;
  for (let drop = 0; drop <= k; drop++) {
    let m = 0;
    for (let i = 0; i <= k; i++) if (i !== drop) scratch[m++] = vertices[i];
    if (diameterOf(s, scratch, k - 1) !== diam) continue;
    const idx = simplexIndex(s, scratch, k - 1);
    if (best < 0 || idx < best) best = idx;
  }
  return best;
}

