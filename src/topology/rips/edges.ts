/**
 * The 1-skeleton of a Rips filtration as an explicit sparse list of filtered edges, the input of the
 * edge collapse (collapse.ts) and of the sparse reduction: no n × n matrix is kept.
 */
import { squaredDistance } from '../../numeric/linalg.js';

/** Edges u > v with their filtration values, in parallel typed arrays. */
export interface FilteredEdges {
  readonly count: number;
  readonly u: Int32Array;
  readonly v: Int32Array;
  readonly value: Float64Array;
}

/** Growable edge list. */
class EdgeList {
  count = 0;
  u = new Int32Array(1024);
  v = new Int32Array(1024);
  value = new Float64Array(1024);
  push(u: number, v: number, value: number): void {
    if (this.count === this.u.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (k: number) => T)(2 * a.length);
        b.set(a);
        return b;
      };
      this.u = grow(this.u);
      this.v = grow(this.v);
      this.value = grow(this.value);
    }
    this.u[this.count] = u;
    this.v[this.count] = v;
    this.value[this.count++] = value;
  }
  done(): FilteredEdges {
    return { count: this.count, u: this.u.subarray(0, this.count), v: this.v.subarray(0, this.count), value: this.value.subarray(0, this.count) };
  }
}

/**
 * Enclosing radius of a point cloud (n × dim, row-major): min over points of the largest distance from
 * it. Squared distances are compared and one square root taken per point (sqrt is monotone and
 * correctly rounded, so this equals the min–max of the distances distanceMatrix computes).
 */
export function cloudEnclosingRadius(points: Float64Array, dim: number): number {
  const n = points.length / dim;
  const rowMax = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = squaredDistance(points, dim, i, j);
      if (s > rowMax[i]) rowMax[i] = s;
      if (s > rowMax[j]) rowMax[j] = s;
    }
  }
  let r = n === 0 ? 0 : Infinity;
  for (let i = 0; i < n; i++) r = Math.min(r, Math.sqrt(rowMax[i]));
  return r;
}

/**
 * Edges of length ≤ threshold (default: the enclosing radius) of a point cloud, each distance computed
 * as distanceMatrix does, and the enclosing radius, in one pass over the pairs when a threshold is given.
 */
export function cloudEdges(points: Float64Array, dim: number, threshold?: number): { edges: FilteredEdges; enclosingRadius: number } {
  const n = points.length / dim;
  const known = threshold === undefined ? cloudEnclosingRadius(points, dim) : -1;
  const t = threshold ?? known;
  // sqrt only below a bound safely above t² (sqrt is monotone; the exact test is d ≤ t below)
  const t2 = t > 1e-100 ? t * t * (1 + 1e-9) : Infinity;
  const rowMax = new Float64Array(known < 0 ? n : 0);
  const out = new EdgeList();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = squaredDistance(points, dim, i, j);
      if (known < 0) {
        if (s > rowMax[i]) rowMax[i] = s;
        if (s > rowMax[j]) rowMax[j] = s;
      }
      if (s <= t2) {
        const d = Math.sqrt(s);
        if (d <= t) out.push(i, j, d);
      }
    }
  }
  let enclosingRadius = known;
  if (known < 0) {
    enclosingRadius = n === 0 ? 0 : Infinity;
    for (let i = 0; i < n; i++) enclosingRadius = Math.min(enclosingRadius, Math.sqrt(rowMax[i]));
  }
  return { edges: out.done(), enclosingRadius };
}

/** Entries ≤ threshold below the diagonal of a symmetric n × n distance matrix. */
export function matrixEdges(dist: Float64Array, n: number, threshold: number): FilteredEdges {
  const out = new EdgeList();
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (dist[i * n + j] <= threshold) out.push(i, j, dist[i * n + j]);
  return out.done();
}

/**
 * Neighbour lists (CSR) of the graph of `edges` with each edge's value; rows sorted by vertex,
 * decreasing when `descending` (the Rips reduction's order) and increasing otherwise. `self` adds each
 * vertex to its own row with value −Infinity (closed neighbourhoods, for the collapse). Rows come out
 * sorted without a sort: the rows are filled in one vertex order, then transposed by scanning them in
 * the wanted order (the graph is symmetric, so the transpose is the same graph).
 */
export function neighbourTable(n: number, edges: FilteredEdges, descending: boolean, self = false): { offsets: Int32Array; nbrs: Int32Array; values: Float64Array } {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < edges.count; e++) {
    offsets[edges.u[e] + 1]++;
    offsets[edges.v[e] + 1]++;
  }
  if (self) for (let a = 0; a < n; a++) offsets[a + 1]++;
  for (let a = 0; a < n; a++) offsets[a + 1] += offsets[a];
  const total = offsets[n];
  const fill = offsets.slice(0, n);
  const rowNbrs = new Int32Array(total);
  const rowValues = new Float64Array(total);
  const put = (a: number, b: number, x: number, nbrs: Int32Array, values: Float64Array): void => {
    const p = fill[a]++;
    nbrs[p] = b;
    values[p] = x;
  };
  for (let e = 0; e < edges.count; e++) {
    put(edges.u[e], edges.v[e], edges.value[e], rowNbrs, rowValues);
    put(edges.v[e], edges.u[e], edges.value[e], rowNbrs, rowValues);
  }
  if (self) for (let a = 0; a < n; a++) put(a, a, -Infinity, rowNbrs, rowValues);
  fill.set(offsets.subarray(0, n));
  const nbrs = new Int32Array(total);
  const values = new Float64Array(total);
  for (let q = 0; q < n; q++) {
    const a = descending ? n - 1 - q : q;
    for (let p = offsets[a]; p < offsets[a + 1]; p++) put(rowNbrs[p], a, rowValues[p], nbrs, values);
  }
  return { offsets, nbrs, values };
}
