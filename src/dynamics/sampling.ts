/**
 * Brute-force connectivity of H(c) = Π_k Q(c_k), independent of the closed-form count: sample points
 * of the product (each block pushed onto its quadric by Newton steps from a random start, so no
 * parametrisation that already knows the topology is used), join points closer than ε in the max
 * norm, and count the components of that graph with union–find over a hash grid of cell size ε.
 * Only for small cases (tests, `obstruction --check`); the cost grows like 3^dimension.
 */
import { TesseraError } from '../numeric/errors.js';
import { normal, type Rng } from '../numeric/random.js';

/** A point of Q(c) = {‖a‖² − ‖w‖² = c} near a random start, or null when Newton does not settle. */
function pointOnQuadric(c: number, m: number, e: number, spread: number, rand: Rng, out: Float64Array, at: number): boolean {
  const D = m + e;
  for (let i = 0; i < D; i++) out[at + i] = normal(rand, 0, spread);
  const size = Math.abs(c) + 1;
  for (let it = 0; it < 60; it++) {
    let g = -c;
    let grad2 = 0;
    for (let i = 0; i < D; i++) {
      const x = out[at + i];
      g += i < m ? -x * x : x * x;
      grad2 += 4 * x * x;
    }
    if (Math.abs(g) <= 1e-12 * size) return true;
    if (grad2 < 1e-300) return false;
    const s = g / grad2;
    for (let i = 0; i < D; i++) {
      const x = out[at + i];
      out[at + i] = x - s * (i < m ? -2 * x : 2 * x);
    }
  }
  return false;
}

export interface SampledComponents {
  /** Components of the ε-graph, largest first (their sizes). */
  sizes: number[];
  /** Points kept (inside the radius). */
  points: number;
}

/**
 * Sample `count` points of Π_k Q(c_k) ⊂ Π_k ℝ^{m+e} inside the box of half-width `radius`, and count
 * the components of their ε-neighbourhood graph.
 */
export function sampledComponents(
  cs: readonly number[],
  m: number,
  e: number,
  options: { count: number; epsilon: number; radius: number; rand: Rng },
): SampledComponents {
  const { count, epsilon, radius, rand } = options;
  const D = m + e;
  const dim = cs.length * D;
  if (dim > 12) throw new TesseraError('budget', `brute-force connectivity in ${dim} dimensions is too costly (at most 12)`);
  const pts = new Float64Array(count * dim);
  let kept = 0;
  for (let tries = 0; kept < count && tries < 50 * count; tries++) {
    const at = kept * dim;
    let ok = true;
    for (let k = 0; k < cs.length && ok; k++) ok = pointOnQuadric(cs[k], m, e, radius / 2, rand, pts, at + k * D);
    for (let i = 0; i < dim && ok; i++) if (Math.abs(pts[at + i]) > radius) ok = false;
    if (ok) kept++;
  }
  // Hash grid: neighbours within ε in the max norm lie in adjacent cells.
  const parent = new Int32Array(kept).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const cellOf = (p: number) => Array.from({ length: dim }, (_, i) => Math.floor(pts[p * dim + i] / epsilon));
  const grid = new Map<string, number[]>();
  const cells: number[][] = [];
  for (let p = 0; p < kept; p++) {
    const cell = cellOf(p);
    cells.push(cell);
    const key = cell.join(',');
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
  }
  const offsets = new Int8Array(dim);
  for (let p = 0; p < kept; p++) {
    offsets.fill(-1);
    // Walk all 3^dim neighbouring cells like an odometer.
    for (;;) {
      const key = cells[p].map((x, i) => x + offsets[i]).join(',');
      const list = grid.get(key);
      if (list) {
        for (const q of list) {
          if (q <= p) continue;
          let close = true;
          for (let i = 0; i < dim && close; i++) if (Math.abs(pts[p * dim + i] - pts[q * dim + i]) > epsilon) close = false;
          if (close) parent[find(p)] = find(q);
        }
      }
      let i = 0;
      while (i < dim && offsets[i] === 1) offsets[i++] = -1;
      if (i === dim) break;
      offsets[i]++;
    }
  }
  const sizes = new Map<number, number>();
  for (let p = 0; p < kept; p++) sizes.set(find(p), (sizes.get(find(p)) ?? 0) + 1);
  return { sizes: [...sizes.values()].sort((a, b) => b - a), points: kept };
}
