/**
 * The linear part of each representation on one activation region (Beshkov & Einevoll §2, "rank of a
 * region"): on the region with activation pattern J,
 *   Φ_l(x) = D_l W_l D_{l−1} W_{l−1} ⋯ D_1 W_1 x + (bias terms),
 * with D_k the 0/1 diagonal of neuron k's activity. Biases play no part in the rank.
 *
 * Ranks are computed without forming the product: only the rows of active neurons matter (an inactive
 * row of D_l W_l … is zero), and after each layer the map is replaced by a basis of its column space
 * (see patternRanks).
 */
import { columnSpaceBasis } from '../numeric/linalg.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import { hiddenCount, type Network } from '../net/network.js';

export interface PatternRankOptions {
  /**
   * Start from the linear map t ↦ B t (B: n × k, row-major) instead of the identity: the ranks are
   * then those of the layer maps restricted to the column span of B (e.g. the span of a data set).
   */
  basis?: Float64Array;
  /** Columns k of `basis`. */
  basisCols?: number;
  /** Compute layers 1 … upTo only (1-based; default: every layer including the output). */
  upTo?: number;
  tol?: Tolerance;
}

/**
 * Full Jacobian of representation `layer` (1-based) on the region: width × n, row-major, inactive rows
 * zero — the product D_l W_l ⋯ D_1 W_1 itself (patternRanks never forms it).
 */
export function representationJacobian(net: Network, active: ArrayLike<number | boolean>, layer: number): Float64Array {
  if (active.length !== hiddenCount(net)) {
    throw new TesseraError('shape', `activation pattern has ${active.length} entries but the network has ${hiddenCount(net)} hidden neurons`);
  }
  const L = net.layers.length;
  if (!Number.isInteger(layer) || layer < 1 || layer > L) throw new TesseraError('input', `layer ${layer} is not in 1..${L}`);
  const n = net.inputDim;
  let J = new Float64Array(n * n);
  for (let i = 0; i < n; i++) J[i * n + i] = 1;
  let at = 0;
  for (let l = 0; l < layer; l++) {
    const { weight, inDim, outDim } = net.layers[l];
    const next = new Float64Array(outDim * n);
    for (let o = 0; o < outDim; o++) {
      if (l < L - 1 && !(Number(active[at + o]) > 0)) continue;
      for (let i = 0; i < inDim; i++) {
        const w = weight[o * inDim + i];
        if (w !== 0) for (let j = 0; j < n; j++) next[o * n + j] += w * J[i * n + j];
      }
    }
    at += outDim;
    J = next;
  }
  return J;
}

/**
 * Rank of every representation 1 … upTo on the region with this activation pattern (`active[k]` > 0 or
 * true when hidden neuron k passes its input; a 0 in a sign sequence counts as off, the closure
 * convention of net/affine.ts). Ranks never increase with depth.
 *
 * Only layer 1 is factored at full width: J₁ = (active rows of W₁)·B. After each layer the map is
 * replaced by an orthonormal basis C_l of its column space (rank J_l = r_l, J_l = C_l R_l with R_l of full
 * row rank), because rank(M J_l) = rank(M C_l) for the next layer's M. So layer l + 1 costs
 * #active × r_l × r_l instead of #active × n × r_l — for a 784-input net, tiny after layer 1.
 */
export function patternRanks(net: Network, active: ArrayLike<number | boolean>, options: PatternRankOptions = {}): Int32Array {
  if (active.length !== hiddenCount(net)) {
    throw new TesseraError('shape', `activation pattern has ${active.length} entries but the network has ${hiddenCount(net)} hidden neurons`);
  }
  const L = net.layers.length;
  const upTo = options.upTo ?? L;
  if (!Number.isInteger(upTo) || upTo < 1 || upTo > L) throw new TesseraError('input', `layer ${upTo} is not in 1..${L}`);
  const tol = options.tol ?? DEFAULT_TOLERANCE;
  const n = net.inputDim;
  const basis = options.basis;
  const k0 = basis ? options.basisCols ?? 0 : n;
  if (basis && (!(k0 > 0) || basis.length !== n * k0)) throw new TesseraError('shape', `basis has ${basis.length} entries, expected ${n}×${k0}`);
  const ranks = new Int32Array(upTo);
  // C: rows = the previous layer's kept neurons (`prevRows`), cols = current rank.
  let C: Float64Array = new Float64Array(0);
  let cols = 0;
  let prevRows = new Int32Array(0);
  let at = 0;
  for (let l = 0; l < upTo; l++) {
    const layer = net.layers[l];
    const hidden = l < L - 1;
    const keep: number[] = [];
    for (let o = 0; o < layer.outDim; o++) if (!hidden || Number(active[at + o]) > 0) keep.push(o);
    at += layer.outDim;
    let J: Float64Array;
    let jCols: number;
    if (l === 0) {
      jCols = k0;
      J = new Float64Array(keep.length * k0);
      for (let r = 0; r < keep.length; r++) {
        const w = layer.weight.subarray(keep[r] * n, (keep[r] + 1) * n);
        if (!basis) J.set(w, r * n);
        else for (let i = 0; i < n; i++) if (w[i] !== 0) for (let j = 0; j < k0; j++) J[r * k0 + j] += w[i] * basis[i * k0 + j];
      }
    } else {
      jCols = cols;
      J = new Float64Array(keep.length * cols);
      for (let r = 0; r < keep.length; r++) {
        const wRow = keep[r] * layer.inDim;
        for (let p = 0; p < prevRows.length; p++) {
          const w = layer.weight[wRow + prevRows[p]];
          if (w === 0) continue;
          for (let j = 0; j < cols; j++) J[r * cols + j] += w * C[p * cols + j];
        }
      }
    }
    if (keep.length === 0 || jCols === 0) {
      // Rank 0 here and from here on: the map is constant.
      break;
    }
    const { basis: Q, rank } = columnSpaceBasis(J, keep.length, jCols, tol);
    // rank(A·B) ≤ rank(B): clamp rounding-level disagreements so the sequence is monotone.
    ranks[l] = l === 0 ? rank : Math.min(rank, ranks[l - 1]);
    if (ranks[l] === 0) break;
    C = Q;
    cols = rank;
    prevRows = Int32Array.from(keep);
  }
  return ranks;
}
