/**
 * Shallow networks F(x) = c + Σ_j a_j ReLU(w_j·x + b_j) and their critical points (notes §1.9, after
 * Brooks & Masden's realisability results for shallow networks).
 *
 * At a transversal vertex v where neurons 1..n vanish, put y_i = w_i·(x − v); then
 * F(v + δ) − F(v) = Σ_i (g_i y_i + a_i ReLU(y_i)), so direction i descends both ways (Λ) only if
 * g_i > 0 > g_i + a_i, which needs a_i < 0, and ascends both ways (V) only if a_i > 0. Hence an index-k
 * critical vertex needs at least k neurons with negative and n − k with positive output weight through it:
 * a convex shallow net (all a_j > 0) has at most minima, a concave one at most maxima.
 *
 * `shallowIndexNet` realises every index: Σ_{i<n−k} |x_i| − Σ_{i≥n−k} |x_i| − b near 0, with
 * |x| = 2ReLU(x) − x and the linear part supplied by one neuron whose hyperplane lies outside [−1,1]ⁿ
 * (notes §1.10): n + 1 neurons, exactly k of them negative among the n through the origin.
 */
import type { Complex } from '../complex/types.js';
import { createNetwork, type Network } from '../net/network.js';
import { packedSign } from '../net/signs.js';
import { TesseraError } from '../numeric/errors.js';

/** A one-hidden-layer net on ℝⁿ with a non-degenerate critical point of index k at the origin, F(0) = −(n+1). */
export function shallowIndexNet(n: number, k: number): Network {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0 || k > n) throw new TesseraError('input', `need 0 ≤ k ≤ n, got n = ${n}, k = ${k}`);
  const s = Array.from({ length: n }, (_, i) => (i < n - k ? 1 : -1));
  const weight = [...Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))), s];
  const bias = [...new Array(n).fill(0), n + 1];
  return createNetwork([
    { weight, bias },
    { weight: [[...s.map((si) => 2 * si), -1]], bias: [0] },
  ]);
}

/** Output weights a_j of a one-hidden-layer scalar net. */
export function outputWeights(net: Network): Float64Array {
  if (net.layers.length !== 2) throw new TesseraError('unsupported', `a shallow network has one hidden layer; this one has ${net.layers.length - 1}`);
  return net.layers[1].weight.subarray(0, net.layers[1].inDim);
}

/** Hidden neurons whose hyperplane passes through vertex v (zeros of its sign sequence). */
export function neuronsThrough(complex: Complex, v: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < complex.hiddenCount; j++) if (packedSign(complex.cells[0].signs, j, v * complex.signWords) === 0) out.push(j);
  return out;
}

/**
 * The necessary condition of notes §1.9 at a transversal vertex of index k: among the n neurons through v,
 * at least k have a_j < 0 and at least n − k have a_j > 0. Returns the counts and whether it holds.
 */
export function outputSignCondition(a: ArrayLike<number>, through: readonly number[], n: number, k: number): { negative: number; positive: number; holds: boolean } {
  let negative = 0;
  let positive = 0;
  for (const j of through) {
    if (a[j] < 0) negative++;
    else if (a[j] > 0) positive++;
  }
  return { negative, positive, holds: negative >= k && positive >= n - k };
}
