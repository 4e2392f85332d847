/**
 * Farthest-point (greedy max–min) subsampling: start from point 0, repeatedly add the point farthest
 * from those chosen. The chosen set covers the cloud at the smallest radius a greedy choice can reach
 * (within a factor 2 of optimal), so persistent homology of the subsample stays close to that of the
 * whole cloud (Ripser's and the paper's `n_perm` subsampling, notes §3.1). Deterministic.
 * Returns the chosen indices and the cover radius ε: every point is within ε of a chosen one (0 when
 * every point is kept), so features shorter than 2ε are below the subsample's resolution.
 */
import { squaredDistance } from '../numeric/linalg.js';
export function farthestPointSample(points: Float64Array, count: number, dim: number, k: number): { indices: Int32Array; coverRadius: number } {
  if (k >= count) return { indices: Int32Array.from({ length: count }, (_, i) => i), coverRadius: 0 };
  const chosen = new Int32Array(k);
  const dist = new Float64Array(count).fill(Infinity);
  let next = 0;
  let cover = 0;
  for (let c = 0; c < k; c++) {
    chosen[c] = next;
    const o = next * dim;
    let best = -1;
    let bestD = -1;
    for (let p = 0; p < count; p++) {
      const s = squaredDistance(points, dim, p, next);
      if (s < dist[p]) dist[p] = s;
      if (dist[p] > bestD) {
        bestD = dist[p];
        best = p;
      }
    }
    next = best;
    cover = bestD;
  }
  return { indices: chosen, coverRadius: Math.sqrt(cover) };
}
