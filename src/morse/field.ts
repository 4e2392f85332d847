/**
 * The scalar function Morse theory studies: one output of the network, affine on every top cell and so
 * determined by its values at the vertices. This module reads those values, orders the vertices, and
 * decides which edges (and so which cells) are flat.
 *
 * Flatness (Grigsby–Lindsey–Masden §3; notes §1.2): F is constant on a cell of positive dimension iff it is
 * constant along each of the cell's edges. An edge [v,w] is flat when |F(w) − F(v)| is zero under the
 * tolerance policy, measured against the magnitude of the terms that produced it: the two values and the
 * summands of the directional derivative J·(w − v) of a top cell containing the edge.
 */
import type { Complex } from '../complex/types.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, isZero, type Tolerance } from '../numeric/tolerance.js';
import { type Incidence } from './incidence.js';

export interface ScalarField {
  /** F at each vertex. */
  readonly values: Float64Array;
  /** Position of each vertex in the order by (value, index): the tie-broken total order of lower stars. */
  readonly rank: Int32Array;
  /** Per edge: +1 when F rises from its first to its second vertex, −1 when it falls, 0 when flat. */
  readonly edgeSlope: Int8Array;
  /** flat[d][i] = 1 when F is constant on d-cell i (d ≥ 1; flat[0] is all zeros). */
  readonly flat: readonly Uint8Array[];
  /** Flat component of each vertex (vertices joined by flat edges), or −1 for a vertex on no flat edge. */
  readonly flatComponent: Int32Array;
  readonly flatComponentCount: number;
}

/** F = output `output` of the network at every vertex. */
export function vertexScalars(complex: Complex, output = 0): Float64Array {
  const m = complex.outputDim;
  if (!Number.isInteger(output) || output < 0 || output >= m) {
    throw new TesseraError('input', `--output ${output}: the network has ${m} output${m === 1 ? '' : 's'} (0..${m - 1})`);
  }
  const V = complex.vertexCount;
  const values = new Float64Array(V);
  for (let v = 0; v < V; v++) values[v] = complex.vertexValues[v * m + output];
  return values;
}

/** Rank of each vertex in the order by value, ties broken by index (simulation of simplicity). */
export function vertexRanks(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a] - values[b] || a - b);
  const rank = new Int32Array(values.length);
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
  return rank;
}

export function scalarField(complex: Complex, inc: Incidence, output = 0, tol: Tolerance = DEFAULT_TOLERANCE): ScalarField {
  const values = vertexScalars(complex, output);
  const rank = vertexRanks(values);
  const { dim } = complex;
  const n = dim;
  const m = complex.outputDim;
  const edgeSlope = new Int8Array(dim >= 1 ? inc.counts[1] : 0);
  const flat: Uint8Array[] = inc.counts.map((c) => new Uint8Array(c));
  if (dim >= 1) {
    const ev = inc.cellVertices[1];
    for (let e = 0; e < inc.counts[1]; e++) {
      const a = ev.indices[ev.offsets[e]];
      const b = ev.indices[ev.offsets[e] + 1];
      const diff = values[b] - values[a];
      // Summands of J·(b − a) for a top cell containing the edge, plus the two values themselves.
      const top = inc.anyTop[1][e];
      let scale = Math.abs(values[a]) + Math.abs(values[b]);
      if (top >= 0) {
        const J = (top * m + output) * n;
        for (let j = 0; j < n; j++) scale += Math.abs(complex.topJacobians[J + j] * (complex.vertices[b * n + j] - complex.vertices[a * n + j]));
      }
      if (isZero(diff, scale, tol)) {
        edgeSlope[e] = 0;
        flat[1][e] = 1;
      } else edgeSlope[e] = diff > 0 ? 1 : -1;
    }
  }
  // A cell of dimension ≥ 2 is flat iff all its facets are (its boundary is connected).
  for (let d = 2; d <= dim; d++) {
    const c = complex.cells[d];
    for (let i = 0; i < c.count; i++) {
      let all = 1;
      for (let k = c.facetOffsets[i]; k < c.facetOffsets[i + 1] && all; k++) all = flat[d - 1][c.facetIndices[k]];
      flat[d][i] = all;
    }
  }
  const { component, count } = flatComponents(inc, flat[1] ?? new Uint8Array(0));
  return { values, rank, edgeSlope, flat, flatComponent: component, flatComponentCount: count };
}

/** Connected components of the graph of flat edges (union–find); vertices on no flat edge get −1. */
function flatComponents(inc: Incidence, flatEdge: Uint8Array): { component: Int32Array; count: number } {
  const V = inc.vertexCount;
  const parent = Int32Array.from({ length: V }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const onFlat = new Uint8Array(V);
  if (inc.dim >= 1) {
    const ev = inc.cellVertices[1];
    for (let e = 0; e < flatEdge.length; e++) {
      if (!flatEdge[e]) continue;
      const a = ev.indices[ev.offsets[e]];
      const b = ev.indices[ev.offsets[e] + 1];
      onFlat[a] = onFlat[b] = 1;
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[ra] = rb;
    }
  }
  const component = new Int32Array(V).fill(-1);
  const label = new Int32Array(V).fill(-1);
  let count = 0;
  for (let v = 0; v < V; v++) {
    if (!onFlat[v]) continue;
    const r = find(v);
    if (label[r] < 0) label[r] = count++;
    component[v] = label[r];
  }
  return { component, count };
}
