/**
 * Local affine maps. On the closure of an activation region F(x) = J x + c; J and c follow from the
 * activation pattern by multiplying the layers with the inactive rows zeroed (J = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1).
 */
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import { hiddenCount, type Network } from './network.js';
import { signSequence } from './signs.js';

export interface AffineMap {
  /** Output dimension m. */
  readonly rows: number;
  /** Input dimension n. */
  readonly cols: number;
  /** m × n, row-major. */
  readonly jacobian: Float64Array;
  /** m. */
  readonly offset: Float64Array;
}

/**
 * The affine map of the region with the given activation pattern: `active[k]` true (or > 0) when hidden
 * neuron k passes its input. With `upToLayer` = l the map goes from the input to layer l's
 * pre-activation (0-based); by default to the output.
 */
export function affineMapForPattern(net: Network, active: ArrayLike<number | boolean>, upToLayer = net.layers.length - 1): AffineMap {
  if (active.length !== hiddenCount(net)) {
    throw new TesseraError('shape', `activation pattern has ${active.length} entries but the network has ${hiddenCount(net)} hidden neurons`);
  }
  const n = net.inputDim;
  // Current map: rows = width of the current layer, J (rows × n), c (rows).
  let rows = n;
  let J = new Float64Array(n * n);
  for (let i = 0; i < n; i++) J[i * n + i] = 1;
  let c = new Float64Array(n);
  let k = 0;
  for (let l = 0; l <= upToLayer; l++) {
    const layer = net.layers[l];
    const J2 = new Float64Array(layer.outDim * n);
    const c2 = new Float64Array(layer.outDim);
    for (let o = 0; o < layer.outDim; o++) {
      const wr = o * layer.inDim;
      let cs = layer.bias[o];
      const jr = o * n;
      for (let i = 0; i < layer.inDim; i++) {
        const w = layer.weight[wr + i];
        if (w === 0) continue;
        cs += w * c[i];
        const src = i * n;
        for (let j = 0; j < n; j++) J2[jr + j] += w * J[src + j];
      }
      c2[o] = cs;
    }
    if (l < upToLayer) {
      // ReLU: zero the inactive rows.
      for (let o = 0; o < layer.outDim; o++) {
        if (!(Number(active[k + o]) > 0)) {
          J2.fill(0, o * n, (o + 1) * n);
          c2[o] = 0;
        }
      }
    }
    k += layer.outDim;
    J = J2;
    c = c2;
    rows = layer.outDim;
  }
  return { rows, cols: n, jacobian: J, offset: c };
}

/**
 * The local affine map at x (of the region containing x). At a point on a bent hyperplane (a 0 in the
 * sign sequence) F is not differentiable; the map returned is that of the region with those neurons off.
 */
export function localAffineMap(net: Network, x: ArrayLike<number>, tol: Tolerance = DEFAULT_TOLERANCE): AffineMap {
  const s = signSequence(net, x, tol);
  return affineMapForPattern(net, s);
}

/** J x + c. */
export function applyAffine(map: AffineMap, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(map.rows);
  for (let o = 0; o < map.rows; o++) {
    let s = map.offset[o];
    for (let j = 0; j < map.cols; j++) s += map.jacobian[o * map.cols + j] * x[j];
    out[o] = s;
  }
  return out;
}

/** Nested-array form of a map, for JSON output. */
export function affineToJSON(map: AffineMap): { jacobian: number[][]; offset: number[] } {
  return {
    jacobian: Array.from({ length: map.rows }, (_, o) => Array.from(map.jacobian.subarray(o * map.cols, (o + 1) * map.cols))),
    offset: Array.from(map.offset),
  };
}
