/**
 * The four counts that the literature confuses (notes §4.1), kept apart:
 *  - activation regions (Def. 2): top cells of the canonical complex, one per activation pattern piece;
 *  - linear regions (Def. 1): maximal connected sets where F is affine (adjacent top cells merged);
 *  - distinct affine maps: what gradient sampling sees (disconnected pieces with one map count once);
 *  - tropical cells: full-dimensional pieces of the common refinement of f's and g's regions (cells.ts).
 * The first three come from the complex; typically maps ≤ Def. 1 ≤ tropical cells ≤ activation regions.
 */
import { linearRegions, type Complex } from '../complex/index.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';

export interface ComplexRegionCounts {
  readonly activationRegions: number;
  readonly linearRegions: number;
  readonly distinctAffineMaps: number;
}

export function complexRegionCounts(complex: Complex, tol: Tolerance = DEFAULT_TOLERANCE): ComplexRegionCounts {
  return {
    activationRegions: complex.cells[complex.dim].count,
    linearRegions: linearRegions(complex, tol).count,
    distinctAffineMaps: distinctAffineMaps(complex, tol),
  };
}

/**
 * Number of distinct affine maps among the top cells. Maps are hashed after rounding each entry to a
 * quantum of tolerance × the data's scale (largest Jacobian entry times the domain radius, largest offset),
 * so maps equal up to rounding share a key.
 */
export function distinctAffineMaps(complex: Complex, tol: Tolerance = DEFAULT_TOLERANCE): number {
  const n = complex.dim;
  const m = complex.outputDim;
  const regions = complex.cells[n].count;
  const J = complex.topJacobians;
  const c = complex.topOffsets;
  let R = 0;
  for (let k = 0; k < complex.vertices.length; k++) R = Math.max(R, Math.abs(complex.vertices[k]));
  let scale = 0;
  for (let k = 0; k < J.length; k++) scale = Math.max(scale, Math.abs(J[k]) * Math.max(R, 1));
  for (let k = 0; k < c.length; k++) scale = Math.max(scale, Math.abs(c[k]));
  const q = Math.max(tol.relative, 1e-12) * scale || 1;
  const qJ = q / Math.max(R, 1);
  const keys = new Set<string>();
  for (let r = 0; r < regions; r++) {
    let key = '';
    for (let k = 0; k < m * n; k++) key += Math.round(J[r * m * n + k] / qJ) + ',';
    for (let o = 0; o < m; o++) key += Math.round(c[r * m + o] / q) + ',';
    keys.add(key);
  }
  return keys.size;
}
