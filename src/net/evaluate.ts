/**
 * Forward evaluation: one point, or a batch of points in one Float64Array (row-major, count × n).
 * Pre-activations are kept when asked for, since sign sequences and local maps are read off them.
 */
import { TesseraError } from '../numeric/errors.js';
import type { Network } from './network.js';

function checkPoint(net: Network, x: ArrayLike<number>): void {
  if (x.length !== net.inputDim) {
    throw new TesseraError('domain', `point has ${x.length} coordinates but the network takes ${net.inputDim} inputs`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new TesseraError('input', `point coordinate ${i} is not a finite number`);
  }
}

/** y = W x + b into `out` (length outDim). */
function affine(w: Float64Array, b: Float64Array, inDim: number, outDim: number, x: ArrayLike<number>, out: Float64Array): void {
  for (let o = 0; o < outDim; o++) {
    let s = b[o];
    const r = o * inDim;
    for (let i = 0; i < inDim; i++) s += w[r + i] * x[i];
    out[o] = s;
  }
}

/** Network output F(x). */
export function evaluate(net: Network, x: ArrayLike<number>): Float64Array {
  return preActivations(net, x)[net.layers.length - 1];
}

/**
 * Pre-activations of every layer at x: element l is W_l·a_{l−1} + b_l (the last one is the output).
 * The hidden ones are what ReLU sees; their signs form the sign sequence.
 */
export function preActivations(net: Network, x: ArrayLike<number>): Float64Array[] {
  checkPoint(net, x);
  const out: Float64Array[] = [];
  let a: ArrayLike<number> = x;
  const L = net.layers.length;
  for (let l = 0; l < L; l++) {
    const layer = net.layers[l];
    const z = new Float64Array(layer.outDim);
    affine(layer.weight, layer.bias, layer.inDim, layer.outDim, a, z);
    out.push(z);
    if (l < L - 1) {
      const r = new Float64Array(layer.outDim);
      for (let o = 0; o < layer.outDim; o++) r[o] = z[o] > 0 ? z[o] : 0;
      a = r;
    }
  }
  return out;
}

/**
 * Evaluate `count` points stored row-major in `points` (count × inputDim). Returns count × outputDim.
 * One scratch buffer per layer, reused for every point, and the first layer reads the points in place
 * (an offset, not a subarray): no allocation in the loop, and every kernel call sees Float64Arrays only.
 */
export function evaluateBatch(net: Network, points: Float64Array, count = points.length / net.inputDim): Float64Array {
  const n = net.inputDim;
  if (!Number.isInteger(count) || count < 0 || points.length < count * n) {
    throw new TesseraError('domain', `batch of ${points.length} numbers is not a whole number of ${n}-dimensional points`);
  }
  const m = net.outputDim;
  const result = new Float64Array(count * m);
  const L = net.layers.length;
  const buffers = net.layers.map((l) => new Float64Array(l.outDim));
  for (let p = 0; p < count; p++) {
    let a = points;
    let offset = p * n;
    for (let l = 0; l < L; l++) {
      const layer = net.layers[l];
      const z = buffers[l];
      affineRows(layer.weight, layer.bias, layer.inDim, layer.outDim, a, offset, z, l < L - 1);
      a = z;
      offset = 0;
    }
    result.set(a, p * m);
  }
  return result;
}

/**
 * out = W x + b with x = a[offset … offset + inDim), then ReLU when `relu`. Float64Array-only, so the
 * engine keeps it monomorphic; sums in the same order as `affine`, so batch and single-point results
 * are identical to the bit.
 */
function affineRows(w: Float64Array, b: Float64Array, inDim: number, outDim: number, a: Float64Array, offset: number, out: Float64Array, relu: boolean): void {
  for (let o = 0; o < outDim; o++) {
    const r = o * inDim;
    let s = b[o];
    for (let i = 0; i < inDim; i++) s += w[r + i] * a[offset + i];
    out[o] = relu && s < 0 ? 0 : s;
  }
}
