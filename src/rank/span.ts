/**
 * The affine span of a data set: its centroid and an orthonormal basis of the directions it spans.
 * A layer can collapse a neighbourhood *of the data* only along directions the data occupies, so the
 * rank that matters for a data manifold M ⊂ ℝⁿ is the rank of the layer map restricted to span(M − c)
 * (for full-dimensional data that is just the rank of the map). Beshkov & Einevoll's circle and torus
 * experiments embed S¹ and T² linearly in ℝ^m; the low-rank threshold they use, 2 and 3, is exactly
 * the dimension of that span.
 */
import { columnSpaceBasis } from '../numeric/linalg.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';

export interface DataSpan {
  /** Ambient dimension n. */
  readonly ambientDim: number;
  /** Dimension k of the span. */
  readonly dim: number;
  readonly centroid: Float64Array;
  /** n × k, row-major, orthonormal columns. */
  readonly basis: Float64Array;
}

export function dataSpan(points: Float64Array, count: number, n: number, tol: Tolerance = DEFAULT_TOLERANCE): DataSpan {
  const centroid = new Float64Array(n);
  for (let p = 0; p < count; p++) for (let i = 0; i < n; i++) centroid[i] += points[p * n + i];
  if (count > 0) for (let i = 0; i < n; i++) centroid[i] /= count;
  // Centred data as columns: n × count.
  const centred = new Float64Array(n * count);
  for (let p = 0; p < count; p++) for (let i = 0; i < n; i++) centred[i * count + p] = points[p * n + i] - centroid[i];
  const { basis, rank } = count > 0 ? columnSpaceBasis(centred, n, count, tol) : { basis: new Float64Array(0), rank: 0 };
  return { ambientDim: n, dim: rank, centroid, basis };
}
