/**
 * cutComplex: refine a complex along g = 0 for a function g affine on every top cell, given by its
 * values at the vertices (e.g. F − T for the level set F = T). The same cut the builder uses for a
 * neuron (lattice.ts); new vertices interpolate values along their edge, new cells inherit the sign
 * sequence of the cell they lie in, new top cells the affine map of their parent.
 */
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { complexFromLattice, latticeOf } from './assemble.js';
import { cutLattice } from './lattice.js';
import type { Complex } from './types.js';

export interface CutOptions {
  readonly tolerance?: Tolerance;
  /**
   * Magnitude of the terms that produced the values, for the zero test |g| ≤ tolerance × scale
   * (for g = F − T pass e.g. max|F| + |T|). Default: the largest |value|.
   */
  readonly scale?: number;
}

export interface CutComplexResult {
  readonly complex: Complex;
  /** Per dimension, per cell: −1 (in g ≤ 0), 0 (in g = 0), +1 (in g ≥ 0). */
  readonly side: Int8Array[];
  /** Per dimension, per cell: the cell of the input complex it lies in (dimension d, or d + 1 when parentUp). */
  readonly parent: Int32Array[];
  readonly parentUp: Uint8Array[];
  /** g at every vertex of the refined complex (0 on the new vertices). */
  readonly values: Float64Array;
}

export function cutComplex(complex: Complex, values: Float64Array, options: CutOptions = {}): CutComplexResult {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const V = complex.vertexCount;
  if (values.length !== V) throw new TesseraError('shape', `cutComplex: ${values.length} values for ${V} vertices`);
  let scale = options.scale ?? 0;
  if (options.scale === undefined) for (let v = 0; v < V; v++) scale = Math.max(scale, Math.abs(values[v]));
  const t = tol.relative * scale;
  const side = new Int8Array(V);
  for (let v = 0; v < V; v++) {
    if (!Number.isFinite(values[v])) throw new TesseraError('input', `cutComplex: value at vertex ${v} is not finite`);
    side[v] = values[v] > t ? 1 : values[v] < -t ? -1 : 0;
  }
  const cut = cutLattice(latticeOf(complex), side, (v) => values[v]);
  const lat = cut.lattice;
  const n = complex.dim;
  const W = complex.signWords;
  const m = complex.outputDim;
  const added = lat.vertexCount - V;
  const words = new Uint32Array(lat.vertexCount * W);
  words.set(complex.cells[0].signs.subarray(0, V * W));
  const vertexValues = new Float64Array(lat.vertexCount * m);
  vertexValues.set(complex.vertexValues.subarray(0, V * m));
  const g = new Float64Array(lat.vertexCount);
  g.set(values);
  for (let k = 0; k < added; k++) {
    const a = cut.newVertexFrom[2 * k];
    const b = cut.newVertexFrom[2 * k + 1];
    const tt = cut.newVertexT[k];
    const nv = V + k;
    for (let q = 0; q < W; q++) words[nv * W + q] = words[a * W + q] | words[b * W + q];
    for (let o = 0; o < m; o++) vertexValues[nv * m + o] = vertexValues[a * m + o] + tt * (vertexValues[b * m + o] - vertexValues[a * m + o]);
  }
  const refined = complexFromLattice(lat, words, vertexValues, {
    domain: complex.domain,
    plane: complex.plane,
    hiddenCount: complex.hiddenCount,
    hiddenWidths: complex.hiddenWidths,
    outputDim: m,
  });
  // New top cells keep their parent's affine map.
  for (let r = 0; r < lat.counts[n]; r++) {
    const p = cut.parent[n][r];
    refined.topJacobians.set(complex.topJacobians.subarray(p * m * n, (p + 1) * m * n), r * m * n);
    refined.topOffsets.set(complex.topOffsets.subarray(p * m, (p + 1) * m), r * m);
  }
  return { complex: refined, side: cut.side.slice(), parent: cut.parent.slice(), parentUp: cut.parentUp.slice(), values: g };
}
