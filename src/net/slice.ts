/**
 * Slices: restrict a network to an affine k-plane x = origin + B·t of its input space (k = 2 or 3).
 * Composing the plane with the first layer gives an ordinary network on R^k, whose canonical complex
 * is the slice of the original complex (the plane meets each bent hyperplane in a bent hyperplane).
 */
import { TesseraError } from '../numeric/errors.js';
import { createNetwork, type Network } from './network.js';

export interface AffinePlane {
  /** Input-space dimension n. */
  readonly ambientDim: number;
  /** Parameter dimension k. */
  readonly dim: number;
  /** n. */
  readonly origin: Float64Array;
  /** n × k, row-major: column j is the j-th direction. */
  readonly basis: Float64Array;
}

/**
 * The plane through points p₀, p₁, …, p_k: origin p₀, directions pⱼ − p₀. Parameters t ∈ [0,1]^k reach
 * the given points at the simplex corners (t = 0 is p₀, t = eⱼ is pⱼ).
 */
export function planeThroughPoints(points: readonly ArrayLike<number>[]): AffinePlane {
  if (points.length < 2) throw new TesseraError('domain', `a slice needs at least 2 points, got ${points.length}`);
  const n = points[0].length;
  const k = points.length - 1;
  for (const [i, p] of points.entries()) {
    if (p.length !== n) throw new TesseraError('shape', `slice point ${i} has ${p.length} coordinates, point 0 has ${n}`);
    for (let j = 0; j < n; j++) if (!Number.isFinite(p[j])) throw new TesseraError('input', `slice point ${i} coordinate ${j} is not finite`);
  }
  const origin = Float64Array.from(points[0]);
  const basis = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) basis[i * k + j] = points[j + 1][i] - origin[i];
  const plane = { ambientDim: n, dim: k, origin, basis };
  if (!hasFullRank(plane)) throw new TesseraError('domain', `the ${points.length} slice points are affinely dependent: they do not span a ${k}-plane`);
  return plane;
}

function hasFullRank(plane: AffinePlane): boolean {
  // Gram matrix determinant, relative to the product of squared lengths (Hadamard): 0 means dependent.
  const { ambientDim: n, dim: k, basis } = plane;
  const G = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += basis[i * k + a] * basis[i * k + b];
    G[a * k + b] = s;
  }
  let hadamard = 1;
  for (let a = 0; a < k; a++) hadamard *= G[a * k + a];
  if (hadamard === 0) return false;
  // Cholesky-free determinant by elimination (k ≤ 3 in practice).
  let det = 1;
  for (let c = 0; c < k; c++) {
    const p = G[c * k + c];
    if (p <= 0) return false;
    det *= p;
    for (let r = c + 1; r < k; r++) {
      const f = G[r * k + c] / p;
      for (let j = c; j < k; j++) G[r * k + j] -= f * G[c * k + j];
    }
  }
  return det / hadamard > 1e-12;
}

/** The point of input space with parameters t. */
export function planePoint(plane: AffinePlane, t: ArrayLike<number>): Float64Array {
  const { ambientDim: n, dim: k } = plane;
  const x = Float64Array.from(plane.origin);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x[i] += plane.basis[i * k + j] * t[j];
  return x;
}

/** The network t ↦ F(origin + B t): first layer W₁B, W₁·origin + b₁; the rest unchanged. */
export function sliceNetwork(net: Network, plane: AffinePlane): Network {
  if (plane.ambientDim !== net.inputDim) {
    throw new TesseraError('domain', `slice points have ${plane.ambientDim} coordinates but the network takes ${net.inputDim} inputs`);
  }
  const first = net.layers[0];
  const n = first.inDim;
  const k = plane.dim;
  const weight = new Float64Array(first.outDim * k);
  const bias = Float64Array.from(first.bias);
  for (let o = 0; o < first.outDim; o++) {
    for (let i = 0; i < n; i++) {
      const w = first.weight[o * n + i];
      if (w === 0) continue;
      bias[o] += w * plane.origin[i];
      for (let j = 0; j < k; j++) weight[o * k + j] += w * plane.basis[i * k + j];
    }
  }
  return createNetwork([
    { weight, bias, inDim: k, outDim: first.outDim },
    ...net.layers.slice(1).map((l) => ({ weight: l.weight, bias: l.bias, inDim: l.inDim, outDim: l.outDim })),
  ]);
}
